'use client';
import { useEffect, useState } from 'react';
import { gql } from '@/lib/gql';
import { withRevision } from '@/lib/api';
import { diffLines } from '@/lib/diff';
import { ErrorText } from './session';
import { type LiveText, useLiveText } from './liveText';

type V = { revision: number; title: string; createdAt: string; author: { displayName: string } };

export function Versions({ documentId, live, canRestore, onRestored }: { documentId: string; live: LiveText; canRestore: boolean; onRestored: () => void }) {
  const current = useLiveText(live, 500);
  const [list, setList] = useState<V[]>([]);
  const [picked, setPicked] = useState<{ revision: number; content: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    gql('query($id:ID!){ document(id:$id){ versions(first:50){ edges { node { revision title createdAt author { displayName } } } } } }', { id: documentId })
      .then((d) => setList(d.document.versions.edges.map((e: any) => e.node)), setError);
  }, [documentId]);
  async function pick(revision: number) {
    try { const d = await gql('query($id:ID!,$r:Int!){ documentVersion(id:$id, revision:$r){ content } }', { id: documentId, r: revision }); setPicked({ revision, content: d.documentVersion.content }); }
    catch (e) { setError(e); }
  }
  async function restore() {
    if (!picked) return;
    try {
      await withRevision(documentId, (r) => gql('mutation($id:ID!,$v:Int!,$r:Int!){ restoreDocumentVersion(id:$id, revision:$v, expectedRevision:$r){ revision } }', { id: documentId, v: picked.revision, r }));
      onRestored();
    } catch (e) { setError(e); }
  }
  return (
    <aside className="panel" aria-label="Versions">
      <h2>Versions</h2>
      <ErrorText error={error} />
      <ul>
        {list.map((v) => (
          <li key={v.revision}>
            <button className="link" aria-pressed={picked?.revision === v.revision} onClick={() => void pick(v.revision)}>Revision {v.revision}</button>{' '}
            <span className="muted">{v.author.displayName}, {new Date(v.createdAt).toLocaleString()}</span>
          </li>
        ))}
      </ul>
      {picked && (
        <>
          <h3>Changes from revision {picked.revision} to now</h3>
          <div className="diff" data-testid="diff">
            {diffLines(picked.content, current).map((l, i) => <span key={i} className={l.kind === 'same' ? undefined : l.kind}>{l.kind === 'add' ? '+ ' : l.kind === 'del' ? '− ' : '  '}{l.text}{'\n'}</span>)}
          </div>
          {canRestore && <p><button onClick={() => void restore()}>Restore revision {picked.revision}</button></p>}
        </>
      )}
    </aside>
  );
}
