'use client';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { getWorkspace, type Role } from '@/lib/api';
import { gql } from '@/lib/gql';
import { WithAddressParam } from '@/components/AddressParam';
import { ErrorText, RequireAuth, useSession } from '@/components/session';

const ROLES: Role[] = ['OWNER', 'EDITOR', 'COMMENTER', 'VIEWER'];

function Members({ id }: { id: string }) {
  const { user } = useSession();
  const [ws, setWs] = useState<Awaited<ReturnType<typeof getWorkspace>> | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('EDITOR');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const load = useCallback(() => getWorkspace(id).then((w) => { setWs(w); setName(w.name); }, setError), [id]);
  useEffect(() => { void load(); }, [load]);
  const owner = ws?.myRole === 'OWNER';
  async function run(fn: () => Promise<unknown>, done: string) {
    setError(null); setNotice('');
    try { await fn(); setNotice(done); await load(); } catch (e) { setError(e); }
  }
  return (
    <div className="page">
      <h1>{ws?.name ?? 'Workspace'}: settings and members</h1>
      <ErrorText error={error} />
      {notice && <p className="notice" role="status">{notice}</p>}
      {owner && (
        <form onSubmit={(e) => { e.preventDefault(); void run(() => gql('mutation($id:ID!,$n:String!){ renameWorkspace(id:$id,name:$n){ id } }', { id, n: name }), 'Renamed.'); }}>
          <label htmlFor="ws-rename">Workspace name</label>
          <div className="row"><input id="ws-rename" required style={{ maxWidth: 320 }} value={name} onChange={(e) => setName(e.target.value)} /><button type="submit">Rename</button></div>
        </form>
      )}
      <h2>Members</h2>
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col"><span className="skip">Actions</span></th></tr></thead>
        <tbody>
          {ws?.members.map((m) => (
            <tr key={m.user.id}>
              <td>{m.user.displayName}</td>
              <td>{m.user.email}</td>
              <td>
                {owner ? (
                  <select aria-label={`Role of ${m.user.email}`} value={m.role}
                    onChange={(e) => void run(() => gql('mutation($w:ID!,$u:ID!,$r:WorkspaceRole!){ changeMemberRole(workspaceId:$w,userId:$u,role:$r){ role } }', { w: id, u: m.user.id, r: e.target.value }), 'Role changed.')}>
                    {ROLES.map((r) => <option key={r} value={r}>{r.toLowerCase()}</option>)}
                  </select>
                ) : m.role.toLowerCase()}
              </td>
              <td>
                {(owner || m.user.id === user?.id) && (
                  <button className="secondary" onClick={() => void run(() => gql('mutation($w:ID!,$u:ID!){ removeMember(workspaceId:$w,userId:$u) }', { w: id, u: m.user.id }), m.user.id === user?.id ? 'You left the workspace.' : 'Removed.')}>
                    {m.user.id === user?.id ? 'Leave' : 'Remove'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {owner && (
        <form onSubmit={(e) => { e.preventDefault(); void run(() => gql('mutation($w:ID!,$e:String!,$r:WorkspaceRole!){ addMember(workspaceId:$w,email:$e,role:$r){ role } }', { w: id, e: email, r: role }), `Added ${email}.`).then(() => setEmail('')); }}>
          <h2>Add a member</h2>
          <label htmlFor="member-email">Email of a registered user</label>
          <input id="member-email" type="email" required style={{ maxWidth: 320 }} value={email} onChange={(e) => setEmail(e.target.value)} />
          <label htmlFor="member-role">Role</label>
          <div className="row">
            <select id="member-role" style={{ maxWidth: 200 }} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => <option key={r} value={r}>{r.toLowerCase()}</option>)}
            </select>
            <button type="submit">Add member</button>
          </div>
        </form>
      )}
    </div>
  );
}

export default function Page() { return <RequireAuth><Suspense><WithAddressParam name="ws" what="workspace" view={(id) => <Members id={id} />} /></Suspense></RequireAuth>; }
