'use client';
import Link from 'next/link';
import DOMPurify from 'dompurify';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { gql } from '@/lib/gql';
import { ErrorText, RequireAuth } from '@/components/session';

type Facet = { value: string; label: string; count: number };
type Hit = { cursor: string; highlights: { title: string | null; content: string[] }; node: { id: string; title: string; tags: string[]; updatedAt: string } };
type Result = { totalCount: number; facets: { workspaces: Facet[]; tags: Facet[]; authors: Facet[] }; edges: Hit[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
type Suggestion = { documentId: string; title: string; highlightedTitle: string };

// Highlights are HTML-escaped by the API with only <em> markup; sanitise anyway, allowing <em> alone.
const safe = (html: string) => DOMPurify.sanitize(html, { ALLOWED_TAGS: ['em'], ALLOWED_ATTR: [] });

function SearchView() {
  const params = useSearchParams();
  const router = useRouter();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [result, setResult] = useState<Result | null>(null);
  const [filter, setFilter] = useState<{ workspaceIds: string[]; tags: string[]; authorIds: string[] }>({ workspaceIds: params.get('ws') ? [params.get('ws')!] : [], tags: [], authorIds: [] });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const typed = useRef(false);

  useEffect(() => {
    if (!typed.current || query.trim().length < 1) { setSuggestions([]); return; }
    const t = setTimeout(() => {
      gql('query($p:String!){ suggestDocumentTitles(prefix:$p, first:8){ documentId title highlightedTitle } }', { p: query })
        .then((d) => { setSuggestions(d.suggestDocumentTitles); setActive(-1); }, () => setSuggestions([]));
    }, 150);
    return () => clearTimeout(t);
  }, [query]);

  async function search(q = query, f = filter, after: string | null = null) {
    if (!q.trim()) return;
    setBusy(true); setError(null); setSuggestions([]); typed.current = false;
    try {
      const clean = Object.fromEntries(Object.entries(f).filter(([, v]) => v.length));
      const d = await gql(`query($q:String!,$f:SearchFilter,$a:String){ searchDocuments(query:$q, filter:$f, first:20, after:$a){ totalCount
        facets { workspaces { value label count } tags { value label count } authors { value label count } }
        edges { cursor highlights { title content } node { id title tags updatedAt } } pageInfo { hasNextPage endCursor } } }`, { q, f: Object.keys(clean).length ? clean : null, a: after });
      const r: Result = d.searchDocuments;
      setResult(after && result ? { ...r, edges: [...result.edges, ...r.edges] } : r);
      router.replace(`/search?q=${encodeURIComponent(q)}`);
    } catch (e) { setError(e); } finally { setBusy(false); }
  }
  // Once, for a query that came in the URL.
  useEffect(() => { if (query) void search(); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const toggle = (key: keyof typeof filter, value: string) => {
    const has = filter[key].includes(value);
    const next = { ...filter, [key]: has ? filter[key].filter((v) => v !== value) : [...filter[key], value] };
    setFilter(next); void search(query, next);
  };
  const facetGroup = (title: string, key: keyof typeof filter, list: Facet[]) => (
    <fieldset>
      <legend>{title}</legend>
      {list.length === 0 && <span className="muted">none</span>}
      {list.map((f) => (
        <div key={f.value}><label style={{ fontWeight: 400, margin: 0 }}><input type="checkbox" checked={filter[key].includes(f.value)} onChange={() => toggle(key, f.value)} /> {f.label || f.value} ({f.count})</label></div>
      ))}
    </fieldset>
  );

  return (
    <div className="page">
      <h1>Search</h1>
      <form role="search" onSubmit={(e) => { e.preventDefault(); if (active >= 0 && suggestions[active]) router.push(`/doc?id=${suggestions[active].documentId}`); else void search(); }}>
        <label htmlFor="q">Search your documents</label>
        <div style={{ position: 'relative', maxWidth: 560 }}>
          <input id="q" type="search" role="combobox" aria-describedby="q-syntax" aria-expanded={suggestions.length > 0} aria-controls="suggestions" aria-autocomplete="list"
            aria-activedescendant={active >= 0 ? `sugg-${active}` : undefined} autoComplete="off" value={query}
            onChange={(e) => { typed.current = true; setQuery(e.target.value); }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') { e.preventDefault(); setActive(Math.min(active + 1, suggestions.length - 1)); }
              else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(Math.max(active - 1, -1)); }
              else if (e.key === 'Escape') setSuggestions([]);
            }} />
          {suggestions.length > 0 && (
            <ul id="suggestions" className="suggest" role="listbox" aria-label="Title suggestions">
              {suggestions.map((s, i) => (
                <li key={s.documentId} id={`sugg-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => { e.preventDefault(); router.push(`/doc?id=${s.documentId}`); }}
                  className="hit" dangerouslySetInnerHTML={{ __html: safe(s.highlightedTitle) }} />
              ))}
            </ul>
          )}
        </div>
        <p id="q-syntax" className="muted">Typos are forgiven. &quot;Quotes&quot; for a phrase, -word to leave a word out.</p>
        <p><button type="submit" disabled={busy}>Search</button></p>
      </form>
      <ErrorText error={error} />
      {result && (
        <div className="search-grid">
          <div aria-label="Filters">
            {facetGroup('Workspaces', 'workspaceIds', result.facets.workspaces)}
            {facetGroup('Tags', 'tags', result.facets.tags)}
            {facetGroup('Authors', 'authorIds', result.facets.authors)}
          </div>
          <div>
            <p role="status">{result.totalCount} {result.totalCount === 1 ? 'document' : 'documents'} found</p>
            <ol data-testid="search-results">
              {result.edges.map((h) => (
                <li key={h.node.id} className="hit">
                  <Link href={`/doc?id=${h.node.id}`}>{h.highlights.title ? <span dangerouslySetInnerHTML={{ __html: safe(h.highlights.title) }} /> : h.node.title}</Link>
                  {h.highlights.content.map((c, i) => <p key={i} className="muted" dangerouslySetInnerHTML={{ __html: `…${safe(c)}…` }} />)}
                  {h.node.tags.length > 0 && <p className="tags">{h.node.tags.map((t) => <span key={t}>{t}</span>)}</p>}
                </li>
              ))}
            </ol>
            {result.pageInfo.hasNextPage && <button className="secondary" onClick={() => void search(query, filter, result.pageInfo.endCursor)}>More results</button>}
          </div>
        </div>
      )}
    </div>
  );
}

export default function Page() { return <RequireAuth><Suspense><SearchView /></Suspense></RequireAuth>; }
