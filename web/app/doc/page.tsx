'use client';
import Link from 'next/link';
import dynamicImport from 'next/dynamic';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { canComment, canEdit, descendants, getDocument, getDocumentLinks, sameLinks, type Doc, withRevision } from '@/lib/api';
import { gql } from '@/lib/gql';
import { WithAddressParam } from '@/components/AddressParam';
import { ErrorText, RequireAuth, useSession } from '@/components/session';
import { Sidebar } from '@/components/Sidebar';
import { useWorkspaceDocs } from '@/components/useWorkspaceDocs';
import { Preview } from '@/components/Preview';
import { Comments } from '@/components/Comments';
import { Versions } from '@/components/Versions';
import type { EditorInfo } from '@/components/Editor';
import { LiveText } from '@/components/liveText';

// CodeMirror only in the browser, and only on this page's bundle. Its chunk is requested as soon as this page's
// code runs rather than when the document has loaded: it is the largest download on the way to the first edit and
// would otherwise wait behind the session restore and the document query (the same chunk serves both imports).
if (typeof window !== 'undefined') void import('@/components/Editor');
const Editor = dynamicImport(() => import('@/components/Editor').then((m) => m.Editor), { ssr: false, loading: () => <div className="editor muted">Loading the editor…</div> });

function DocumentView({ id }: { id: string }) {
  const router = useRouter();
  const { user } = useSession();
  const [doc, setDoc] = useState<Doc | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [live] = useState(() => new LiveText());
  const [info, setInfo] = useState<EditorInfo | null>(null);
  const [panel, setPanel] = useState<'none' | 'comments' | 'versions'>('none');
  const [title, setTitle] = useState('');
  const [tags, setTags] = useState('');
  const [editorKey, setEditorKey] = useState(0);
  // A new editor (and connection) after unarchiving, whose socket collab-websocket had closed as read-only. Its
  // status starts afresh: the old one's 'online' would otherwise show until the new one has joined. (Trashing
  // unmounts the editor and forgets its status; restoring mounts a new one by itself.)
  const reconnect = () => { setInfo(null); setEditorKey((k) => k + 1); };
  const ws = useWorkspaceDocs(doc?.workspaceId);

  const load = useCallback(async () => {
    try {
      const d = await getDocument(id);
      setDoc(d); setTitle(d.title); setTags(d.tags.join(', ')); setError(null);
      if (d.status === 'TRASHED') live.set(d.content);
    } catch (e) { setError(e); }
  }, [id, live]);
  useEffect(() => { void load(); }, [load]);
  // Backlinks and links follow the saved text (collab saves 2 s after the last keystroke). Only they are read
  // again, and the page renders only when they changed.
  useEffect(() => {
    const t = setInterval(() => {
      void getDocumentLinks(id).then((d) => setDoc((old) => (!old || sameLinks(old, d) ? old : { ...old, ...d }))).catch(() => undefined);
    }, 5000);
    return () => clearInterval(t);
  }, [id]);

  const byTitle = useMemo(() => new Map(ws.docs.map((d) => [d.title.toLowerCase(), d.id])), [ws.docs]);
  const idOfTitle = useCallback((t: string) => byTitle.get(t.toLowerCase()), [byTitle]);
  const titlesRef = useRef<string[]>([]);
  titlesRef.current = ws.docs.map((d) => d.title);
  const titles = useCallback(() => titlesRef.current, []);

  const role = ws.workspace?.myRole;
  const mayEdit = canEdit(role);
  async function act(fn: () => Promise<unknown>, then?: () => void) {
    setError(null);
    try { await fn(); await load(); await ws.reload(); then?.(); } catch (e) { setError(e); }
  }
  const mutate = (name: string) => () => withRevision(id, (r) => gql(`mutation($id:ID!,$r:Int){ ${name}(id:$id, expectedRevision:$r){ id } }`, { id, r }));
  const moveTargets = doc ? ws.docs.filter((d) => !descendants(ws.docs, doc.id).has(d.id)) : [];

  return (
    <div className="layout">
      <Sidebar workspace={ws.workspace} docs={ws.docs} archived={ws.archived} trashed={ws.trashed} currentId={id} onChanged={() => { void ws.reload(); void load(); }} onError={setError} />
      <section className="content">
        <ErrorText error={error ?? ws.error} />
        {doc && (
          <>
            <form className="row" onSubmit={(e) => { e.preventDefault(); void act(() => withRevision(id, (r) => gql('mutation($id:ID!,$r:Int!,$t:String!){ updateDocument(id:$id, expectedRevision:$r, changes:{title:$t}){ id } }', { id, r, t: title }))); }}>
              <label className="skip" htmlFor="doc-title">Title</label>
              <input id="doc-title" style={{ fontSize: '1.5em', fontWeight: 700, maxWidth: 520 }} value={title} readOnly={!mayEdit || doc.status !== 'ACTIVE'} onChange={(e) => setTitle(e.target.value)} />
              {mayEdit && doc.status === 'ACTIVE' && title !== doc.title && <button type="submit">Rename</button>}
            </form>
            <p className="row">
              <span className={`status ${info?.status ?? ''}`} role="status" data-testid="collab-status">
                {doc.status !== 'ACTIVE' ? doc.status.toLowerCase() : info ? `${info.status}${info.canEdit ? '' : ' · read only'}` : 'connecting'}
              </span>
              <span className="peers" role="group" aria-label="Also here">{info?.peers.map((p) => <span key={p.client} style={{ background: p.color }}>{p.name}</span>)}</span>
            </p>
            <div className="row" role="toolbar" aria-label="Document actions">
              {mayEdit && doc.status === 'ACTIVE' && <button className="secondary" onClick={() => void act(mutate('archiveDocument'))}>Archive</button>}
              {mayEdit && doc.status === 'ARCHIVED' && <button className="secondary" onClick={() => void act(mutate('unarchiveDocument'), reconnect)}>Unarchive</button>}
              {mayEdit && doc.status !== 'TRASHED' && <button className="secondary" onClick={() => void act(mutate('trashDocument'), () => setInfo(null))}>Move to trash</button>}
              {mayEdit && doc.status === 'TRASHED' && <button className="secondary" onClick={() => void act(mutate('restoreDocument'))}>Restore</button>}
              {role === 'OWNER' && doc.status === 'TRASHED' && <button className="danger" onClick={() => { if (confirm('Delete this document for good?')) void act(() => gql('mutation($id:ID!){ purgeDocument(id:$id) }', { id }), () => router.push(`/workspace?id=${doc.workspaceId}`)); }}>Delete for good</button>}
              {mayEdit && doc.status === 'ACTIVE' && (
                <>
                  <label htmlFor="move-to" style={{ margin: 0 }}>Move under</label>
                  <select id="move-to" style={{ width: 'auto' }} value={doc.parentId ?? ''} onChange={(e) => { const p = e.target.value || null; void act(() => withRevision(id, (r) => gql('mutation($id:ID!,$r:Int!,$p:ID){ moveDocument(id:$id, expectedRevision:$r, parentId:$p){ id } }', { id, r, p }))); }}>
                    <option value="">(top level)</option>
                    {moveTargets.map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
                  </select>
                </>
              )}
              <button className="secondary" aria-pressed={panel === 'comments'} onClick={() => setPanel(panel === 'comments' ? 'none' : 'comments')}>Comments ({doc.commentCount})</button>
              <button className="secondary" aria-pressed={panel === 'versions'} onClick={() => setPanel(panel === 'versions' ? 'none' : 'versions')}>Versions</button>
            </div>
            <form className="row tags" onSubmit={(e) => { e.preventDefault(); void act(() => withRevision(id, (r) => gql('mutation($id:ID!,$r:Int!,$t:[String]){ updateDocument(id:$id, expectedRevision:$r, changes:{tags:$t}){ id } }', { id, r, t: tags.split(',').map((s) => s.trim()).filter(Boolean) }))); }}>
              <label htmlFor="doc-tags" style={{ margin: 0 }}>Tags</label>
              {mayEdit && doc.status === 'ACTIVE'
                ? <><input id="doc-tags" style={{ maxWidth: 360 }} placeholder="comma, separated" value={tags} onChange={(e) => setTags(e.target.value)} /><button className="secondary" type="submit">Save tags</button></>
                : <span id="doc-tags">{doc.tags.map((t) => <span key={t}>{t}</span>)}</span>}
            </form>
          </>
        )}
        {!doc && !error && <p className="muted" role="status">Loading the document…</p>}
        {/* The editor connects while the document's details load, not after: joining the live document is most of
            the way to the first edit. A trashed document (known once they have loaded) has no editor. */}
        {(doc || !error) && (
          <div className={`doc-grid${panel !== 'none' ? ' with-panel' : ''}`} style={{ marginTop: 12 }}>
            {doc?.status === 'TRASHED'
              ? <div className="editor muted" style={{ padding: 8 }}>This document is in the trash: restore it to edit.</div>
              : <Editor key={`${id}-${editorKey}`} documentId={id} name={user?.displayName} titles={titles} onInfo={setInfo} onText={(read) => live.changed(read)} onError={(m) => setError(new Error(m))} />}
            <Preview live={live} idOfTitle={idOfTitle} />
            {doc && panel === 'comments' && <Comments documentId={id} canComment={canComment(role)} myId={user?.id} isOwner={role === 'OWNER'} />}
            {doc && panel === 'versions' && <Versions documentId={id} live={live} canRestore={mayEdit && doc.status === 'ACTIVE'} onRestored={() => void load()} />}
          </div>
        )}
        {doc && (
          <section aria-labelledby="backlinks-title">
            <h2 id="backlinks-title">Backlinks</h2>
            {doc.backlinks.length === 0 ? <p className="muted">No document links here yet.</p> : (
              <ul data-testid="backlinks">{doc.backlinks.map((b) => <li key={b.id}><Link href={`/doc?id=${b.id}`}>{b.title}</Link></li>)}</ul>
            )}
            {doc.links.length > 0 && <p className="muted">Links to: {doc.links.map((l, i) => <span key={l.id}>{i > 0 && ', '}<Link href={`/doc?id=${l.id}`}>{l.title}</Link></span>)}</p>}
          </section>
        )}
      </section>
    </div>
  );
}

export default function Page() { return <RequireAuth><Suspense><WithAddressParam name="id" what="document" view={(id) => <DocumentView id={id} />} /></Suspense></RequireAuth>; }
