// The GraphQL operations the pages use (schema: knowledge-api/schema.graphql).
import { gql } from './gql';

export type Role = 'OWNER' | 'EDITOR' | 'COMMENTER' | 'VIEWER';
export type Workspace = { id: string; name: string; myRole: Role };
export type DocSummary = { id: string; title: string; parentId: string | null; status: string; revision: number; tags: string[] };
export type Doc = DocSummary & {
  workspaceId: string; content: string; updatedAt: string; author: { displayName: string };
  backlinks: { id: string; title: string }[]; links: { id: string; title: string }[]; commentCount: number;
};

export const canEdit = (role?: Role) => role === 'OWNER' || role === 'EDITOR';
export const canComment = (role?: Role) => role === 'OWNER' || role === 'EDITOR' || role === 'COMMENTER';

export async function listWorkspaces(): Promise<Workspace[]> {
  const out: Workspace[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    const d: any = await gql('query($a:String){ workspaces(first:100, after:$a){ edges { node { id name myRole } } pageInfo { hasNextPage endCursor } } }', { a: after });
    out.push(...d.workspaces.edges.map((e: any) => e.node));
    if (!d.workspaces.pageInfo.hasNextPage) break;
    after = d.workspaces.pageInfo.endCursor;
  }
  return out;
}

export async function getWorkspace(id: string) {
  const d = await gql('query($id:ID!){ workspace(id:$id){ id name myRole members { role user { id email displayName } } } }', { id });
  return d.workspace as Workspace & { members: { role: Role; user: { id: string; email: string; displayName: string } }[] };
}

export async function listDocuments(workspaceId: string, status = 'ACTIVE'): Promise<DocSummary[]> {
  const out: DocSummary[] = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const d: any = await gql('query($w:ID!,$s:DocumentStatus,$a:String){ documents(workspaceId:$w, status:$s, first:100, after:$a){ edges { node { id title parentId status revision tags } } pageInfo { hasNextPage endCursor } } }', { w: workspaceId, s: status, a: after });
    out.push(...d.documents.edges.map((e: any) => e.node));
    if (!d.documents.pageInfo.hasNextPage) break;
    after = d.documents.pageInfo.endCursor;
  }
  return out;
}

export async function getDocument(id: string): Promise<Doc> {
  const d = await gql(`query($id:ID!){ document(id:$id){ id title parentId status revision tags workspaceId content updatedAt
    author { displayName } backlinks { id title } links { id title } commentCount } }`, { id });
  return d.document;
}

export type DocLinks = Pick<Doc, 'revision' | 'backlinks' | 'links' | 'commentCount'>;

/** What changes under a document while it is edited live: its revision (each save), links both ways, comments. */
export async function getDocumentLinks(id: string): Promise<DocLinks> {
  const d = await gql('query($id:ID!){ document(id:$id){ revision backlinks { id title } links { id title } commentCount } }', { id });
  return d.document;
}

export const sameLinks = (a: DocLinks, b: DocLinks) => a.revision === b.revision && a.commentCount === b.commentCount
  && JSON.stringify([a.backlinks, a.links]) === JSON.stringify([b.backlinks, b.links]);

/** Applies a change that needs the current revision, reading it first and retrying once on a CONFLICT
 *  (live editing bumps the revision every few seconds). */
export async function withRevision<T>(id: string, fn: (revision: number) => Promise<T>): Promise<T> {
  const read = async () => (await gql('query($id:ID!){ document(id:$id){ revision } }', { id })).document.revision as number;
  try {
    return await fn(await read());
  } catch (e: any) {
    if (e?.code !== 'CONFLICT') throw e;
    return fn(await read());
  }
}

export type TreeNode = DocSummary & { children: TreeNode[] };

/** The documents as a tree by parentId; a parent that is not in the list makes its children roots. */
export function buildTree(docs: DocSummary[]): TreeNode[] {
  const byId = new Map<string, TreeNode>(docs.map((d) => [d.id, { ...d, children: [] }]));
  const roots: TreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode[]) => { list.sort((a, b) => a.title.localeCompare(b.title)); list.forEach((n) => sort(n.children)); };
  sort(roots);
  return roots;
}

/** The ids of `id` and everything under it: a document cannot move below itself. */
export function descendants(docs: DocSummary[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of docs) if (d.parentId && out.has(d.parentId) && !out.has(d.id)) { out.add(d.id); grew = true; }
  }
  return out;
}
