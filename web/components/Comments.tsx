'use client';
import { useCallback, useEffect, useState } from 'react';
import { gql } from '@/lib/gql';
import { ErrorText } from './session';

type C = { id: string; body: string | null; deleted: boolean; resolved: boolean; createdAt: string; author: { id: string; displayName: string }; replies: C[] };
const FIELDS = 'id body deleted resolved createdAt author { id displayName }';

export function Comments({ documentId, canComment, myId, isOwner }: { documentId: string; canComment: boolean; myId?: string; isOwner: boolean }) {
  const [list, setList] = useState<C[]>([]);
  const [body, setBody] = useState('');
  const [reply, setReply] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      // Threads come oldest first, a page at a time: a page of 100 threads with their replies weighs more
      // than the API's query weight limit (docs/graphql.md, "Limits"), so 50 a page, every page read.
      const all: C[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const d: any = await gql(`query($id:ID!,$a:String){ document(id:$id){ comments(first:50, after:$a){ edges { node { ${FIELDS} replies { ${FIELDS} } } } pageInfo { hasNextPage endCursor } } } }`, { id: documentId, a: after });
        all.push(...d.document.comments.edges.map((e: any) => e.node));
        if (!d.document.comments.pageInfo.hasNextPage) break;
        after = d.document.comments.pageInfo.endCursor;
      }
      setList(all); setError(null);
    } catch (e) { setError(e); }
  }, [documentId]);
  useEffect(() => { void load(); }, [load]);
  const run = async (fn: () => Promise<unknown>) => { try { await fn(); await load(); } catch (e) { setError(e); } };

  const one = (c: C, isReply: boolean) => (
    <div key={c.id} className={`comment${c.resolved ? ' resolved' : ''}`}>
      <div><strong>{c.author.displayName}</strong> <span className="muted">{new Date(c.createdAt).toLocaleString()}</span> {c.resolved && <span className="muted">(resolved)</span>}</div>
      <div>{c.deleted ? <em className="muted">deleted</em> : c.body}</div>
      <div className="row">
        {!isReply && canComment && (c.resolved
          ? <button className="link" onClick={() => run(() => gql('mutation($id:ID!){ reopenComment(id:$id){ id } }', { id: c.id }))}>Reopen</button>
          : <button className="link" onClick={() => run(() => gql('mutation($id:ID!){ resolveComment(id:$id){ id } }', { id: c.id }))}>Resolve</button>)}
        {!c.deleted && (c.author.id === myId || isOwner) && <button className="link" onClick={() => run(() => gql('mutation($id:ID!){ deleteComment(id:$id) }', { id: c.id }))}>Delete</button>}
      </div>
      {!isReply && (
        <div className="replies">
          {c.replies.map((r) => one(r, true))}
          {canComment && (
            <form onSubmit={(e) => { e.preventDefault(); const b = reply[c.id]; if (b?.trim()) void run(() => gql('mutation($d:ID!,$b:String!,$p:ID){ addComment(documentId:$d, body:$b, parentId:$p){ id } }', { d: documentId, b, p: c.id })).then(() => setReply({ ...reply, [c.id]: '' })); }}>
              <label className="skip" htmlFor={`reply-${c.id}`}>Reply to {c.author.displayName}</label>
              <div className="row"><input id={`reply-${c.id}`} placeholder="Reply…" value={reply[c.id] ?? ''} onChange={(e) => setReply({ ...reply, [c.id]: e.target.value })} /><button className="secondary" type="submit">Reply</button></div>
            </form>
          )}
        </div>
      )}
    </div>
  );

  return (
    <aside className="panel" aria-label="Comments">
      <h2>Comments</h2>
      <ErrorText error={error} />
      {list.length === 0 && <p className="muted">No comments yet.</p>}
      {list.map((c) => one(c, false))}
      {canComment && (
        <form onSubmit={(e) => { e.preventDefault(); if (body.trim()) void run(() => gql('mutation($d:ID!,$b:String!){ addComment(documentId:$d, body:$b){ id } }', { d: documentId, b: body })).then(() => setBody('')); }}>
          <label htmlFor="new-comment">New comment</label>
          <textarea id="new-comment" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          <p><button type="submit">Comment</button></p>
        </form>
      )}
    </aside>
  );
}
