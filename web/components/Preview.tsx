'use client';
// The rendered Markdown, sanitised with DOMPurify (a document may hold any HTML); [[wiki links]] become
// links to the documents of those titles.
import { useEffect, useState } from 'react';
import { marked } from 'marked';
import DOMPurify from 'dompurify';

const WIKI = /\[\[([^\]|#\n]+)(#[^\]|\n]*)?(?:\|([^\]\n]+))?\]\]/g;

export function renderMarkdown(text: string, idOfTitle: (title: string) => string | undefined): string {
  const linked = text.replace(WIKI, (_m, title: string, _section: string, label?: string) => {
    const id = idOfTitle(title.trim());
    const shown = (label ?? title).replace(/[[\]]/g, '');
    return id ? `[${shown}](/doc?id=${encodeURIComponent(id)})` : `<span class="missing-link" title="No document has this title">${shown}</span>`;
  });
  const html = marked.parse(linked, { async: false, gfm: true }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}

export function Preview({ text, idOfTitle }: { text: string; idOfTitle: (title: string) => string | undefined }) {
  const [html, setHtml] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setHtml(renderMarkdown(text, idOfTitle)), 120);
    return () => clearTimeout(t);
  }, [text, idOfTitle]);
  return <article className="preview" aria-label="Preview" data-testid="preview" dangerouslySetInnerHTML={{ __html: html }} />;
}
