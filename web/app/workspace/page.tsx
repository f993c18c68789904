'use client';
import Link from 'next/link';
import { Suspense, useState } from 'react';
import { useRouter } from 'next/navigation';
import { canEdit } from '@/lib/api';
import { gql } from '@/lib/gql';
import { WithAddressParam } from '@/components/AddressParam';
import { ErrorText, RequireAuth } from '@/components/session';
import { Sidebar } from '@/components/Sidebar';
import { useWorkspaceDocs } from '@/components/useWorkspaceDocs';

function WorkspaceView({ id }: { id: string }) {
  const router = useRouter();
  const ws = useWorkspaceDocs(id);
  const [title, setTitle] = useState('');
  async function create(e: React.FormEvent) {
    e.preventDefault();
    try {
      const d = await gql('mutation($in:DocumentInput!){ createDocument(input:$in){ id } }', { in: { workspaceId: id, title, content: '' } });
      router.push(`/doc?id=${d.createDocument.id}`);
    } catch (err) { ws.setError(err); }
  }
  return (
    <div className="layout">
      <Sidebar workspace={ws.workspace} docs={ws.docs} archived={ws.archived} trashed={ws.trashed} onChanged={ws.reload} onError={ws.setError} />
      <section className="content">
        <h1>{ws.workspace?.name ?? 'Workspace'}</h1>
        <ErrorText error={ws.error} />
        {ws.workspace && canEdit(ws.workspace.myRole) && (
          <form onSubmit={create}>
            <label htmlFor="new-title">New document title</label>
            <div className="row"><input id="new-title" required style={{ maxWidth: 360 }} value={title} onChange={(e) => setTitle(e.target.value)} /><button type="submit">Create document</button></div>
          </form>
        )}
        <p className="muted">{ws.docs.length} documents. Open one from the tree, or see the <Link href={`/graph?ws=${id}`}>knowledge graph</Link>.</p>
      </section>
    </div>
  );
}

export default function Page() { return <RequireAuth><Suspense><WithAddressParam name="id" what="workspace" view={(id) => <WorkspaceView id={id} />} /></Suspense></RequireAuth>; }
