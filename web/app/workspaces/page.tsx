'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { listWorkspaces, type Workspace } from '@/lib/api';
import { gql } from '@/lib/gql';
import { ErrorText, RequireAuth } from '@/components/session';

function Workspaces() {
  const router = useRouter();
  const [list, setList] = useState<Workspace[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { listWorkspaces().then(setList, setError); }, []);
  async function create(e: React.FormEvent) {
    e.preventDefault(); setError(null);
    try {
      const d = await gql('mutation($n:String!){ createWorkspace(name:$n){ id } }', { n: name });
      router.push(`/workspace?id=${d.createWorkspace.id}`);
    } catch (err) { setError(err); }
  }
  return (
    <div className="page">
      <h1>Workspaces</h1>
      <ErrorText error={error} />
      {list === null ? <p role="status">Loading…</p> : list.length === 0 ? <p className="muted">You are not in any workspace yet: create one.</p> : (
        <ul data-testid="workspace-list">
          {list.map((w) => <li key={w.id}><Link href={`/workspace?id=${w.id}`}>{w.name}</Link> <span className="muted">({w.myRole.toLowerCase()})</span></li>)}
        </ul>
      )}
      <form onSubmit={create}>
        <label htmlFor="ws-name">New workspace name</label>
        <div className="row"><input id="ws-name" required style={{ maxWidth: 320 }} value={name} onChange={(e) => setName(e.target.value)} /><button type="submit">Create workspace</button></div>
      </form>
    </div>
  );
}

export default function Page() { return <RequireAuth><Workspaces /></RequireAuth>; }
