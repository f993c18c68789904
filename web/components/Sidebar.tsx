'use client';
// The workspace's documents as a tree; drag a document onto another to move it (or use the document's
// Move menu), onto "Top level" to make it a root.
import Link from 'next/link';
import { useState } from 'react';
import { buildTree, descendants, type DocSummary, type TreeNode, type Workspace, canEdit, withRevision } from '@/lib/api';
import { gql } from '@/lib/gql';

type Props = {
  workspace: Workspace | null;
  docs: DocSummary[];
  archived: DocSummary[];
  trashed: DocSummary[];
  currentId?: string;
  onChanged: () => void;
  onError: (e: unknown) => void;
};

export function Sidebar({ workspace, docs, archived, trashed, currentId, onChanged, onError }: Props) {
  const [dragId, setDragId] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const editable = canEdit(workspace?.myRole);

  async function move(id: string, parentId: string | null) {
    if (parentId && descendants(docs, id).has(parentId)) return;
    try {
      await withRevision(id, (r) => gql('mutation($id:ID!,$r:Int!,$p:ID){ moveDocument(id:$id, expectedRevision:$r, parentId:$p){ id } }', { id, r, p: parentId }));
      onChanged();
    } catch (e) { onError(e); }
  }

  const item = (n: TreeNode) => (
    // The items nest (a child's <li> is inside its parent's), so each drag event stops at the innermost
    // item: otherwise dragging a child would start a drag of every ancestor (the outermost winning), and a
    // drop on a child would move the document under each of its ancestors too.
    <li key={n.id} draggable={editable}
      onDragStart={(e) => { e.stopPropagation(); setDragId(n.id); e.dataTransfer.setData('text/plain', n.id); }}
      onDragOver={(e) => { e.stopPropagation(); if (dragId && dragId !== n.id) { e.preventDefault(); setOver(n.id); } }}
      onDragLeave={(e) => { e.stopPropagation(); setOver(null); }}
      onDrop={(e) => { e.stopPropagation(); e.preventDefault(); setOver(null); if (dragId) void move(dragId, n.id); setDragId(null); }}
      onDragEnd={(e) => { e.stopPropagation(); setDragId(null); setOver(null); }}
      className={over === n.id ? 'drop' : undefined}>
      <Link href={`/doc?id=${n.id}`} prefetch={false} aria-current={n.id === currentId ? 'page' : undefined}>{n.title}</Link>
      {n.children.length > 0 && <ul>{n.children.map(item)}</ul>}
    </li>
  );

  return (
    <nav className="sidebar" aria-label="Documents">
      {workspace && (
        <>
          <p><Link href={`/workspace?id=${workspace.id}`} prefetch={false}><strong>{workspace.name}</strong></Link> <span className="muted">({workspace.myRole.toLowerCase()})</span></p>
          <p className="row">
            <Link href={`/graph?ws=${workspace.id}`} prefetch={false}>Graph</Link>
            <Link href={`/members?ws=${workspace.id}`} prefetch={false}>Members</Link>
            <Link href={`/search?ws=${workspace.id}`} prefetch={false}>Search</Link>
          </p>
        </>
      )}
      <h2 id="tree-title"
        onDragOver={(e) => { if (dragId) e.preventDefault(); }}
        onDrop={(e) => { e.preventDefault(); if (dragId) void move(dragId, null); setDragId(null); }}>
        Documents {editable && <span className="muted" style={{ fontWeight: 400, fontSize: '.8em' }}>(drop here: top level)</span>}
      </h2>
      <ul aria-labelledby="tree-title" data-testid="doc-tree">{buildTree(docs).map(item)}</ul>
      {docs.length === 0 && <p className="muted">No documents yet.</p>}
      {archived.length > 0 && (<><h2>Archived</h2><ul>{archived.map((d) => <li key={d.id}><Link href={`/doc?id=${d.id}`} aria-current={d.id === currentId ? 'page' : undefined}>{d.title}</Link></li>)}</ul></>)}
      {trashed.length > 0 && (<><h2>Trash</h2><ul>{trashed.map((d) => <li key={d.id}><Link href={`/doc?id=${d.id}`} aria-current={d.id === currentId ? 'page' : undefined}>{d.title}</Link></li>)}</ul></>)}
    </nav>
  );
}
