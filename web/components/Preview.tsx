'use client';
// The rendered Markdown, sanitised with DOMPurify (a document may hold any HTML); [[wiki links]] become
// links to the documents of those titles.
import { useMemo } from 'react';
import { type LiveText, useLiveText } from './liveText';
import { marked } from 'marked';
import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';

const WIKI = /\[\[([^\]|#\n]+)(#[^\]|\n]*)?(?:\|([^\]\n]+))?\]\]/g;

// An instance of its own, configured once: DOMPurify parses a configuration passed to sanitize() on every call
// (the profile's tag lists are copied each time), and that was a third of a render. The search page's snippets
// use the shared instance with another configuration.
let purifier: Purifier | null = null;
function sanitizer(): Purifier | null {
  if (typeof window === 'undefined') return null;
  if (!purifier) { purifier = DOMPurify(window); purifier.setConfig({ USE_PROFILES: { html: true } }); }
  return purifier;
}

export function renderMarkdown(text: string, idOfTitle: (title: string) => string | undefined): string {
  const linked = text.replace(WIKI, (_m, title: string, _section: string, label?: string) => {
    const id = idOfTitle(title.trim());
    const shown = (label ?? title).replace(/[[\]]/g, '');
    return id ? `[${shown}](/doc?id=${encodeURIComponent(id)})` : `<span class="missing-link" title="No document has this title">${shown}</span>`;
  });
  const html = marked.parse(linked, { async: false, gfm: true }) as string;
  return sanitizer()?.sanitize(html) ?? '';
}

// Rendered from the live text at most every 300 ms while it changes, when the browser is idle: rendering 200
// lines of Markdown and laying them out again on every keystroke (its own or a collaborator's) would take the
// time the editor needs to show the next one.
export function Preview({ live, idOfTitle }: { live: LiveText; idOfTitle: (title: string) => string | undefined }) {
  const text = useLiveText(live, 300);
  const html = useMemo(() => renderMarkdown(text, idOfTitle), [text, idOfTitle]);
  return <article className="preview" aria-label="Preview" data-testid="preview" dangerouslySetInnerHTML={{ __html: html }} />;
}
