import { createHmac } from 'node:crypto';
import { expect, type Browser, type Page, type APIRequestContext, request } from '@playwright/test';

export const base = process.env.KN_E2E_BASE_URL || process.env.KN_WEB_URL || process.env.KN_GATEWAY_URL || 'http://127.0.0.1:8080';
export const PASSWORD = 'correct horse battery staple';
export const artifacts = 'e2e/artifacts';

/** GraphQL straight to the API through the same origin (setup only; the tests act through the UI). */
export async function gql(api: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await api.post(`${base}/graphql`, { data: { query, variables }, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await res.json();
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export type User = { email: string; name: string; token: string; id: string };

export async function newUser(api: APIRequestContext, name: string): Promise<User> {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@e2e.example.org`;
  const d = await gql(api, 'mutation($e:String!,$p:String!,$n:String!){ register(email:$e,password:$p,displayName:$n){ accessToken user { id } } }', { e: email, p: PASSWORD, n: name });
  return { email, name, token: d.register.accessToken, id: d.register.user.id };
}

export async function workspaceWith(api: APIRequestContext, owner: User, members: [User, string][] = []) {
  const ws = (await gql(api, 'mutation($n:String!){ createWorkspace(name:$n){ id } }', { n: `E2E ${Date.now()}` }, owner.token)).createWorkspace.id;
  for (const [u, role] of members) {
    await gql(api, 'mutation($w:ID!,$e:String!,$r:WorkspaceRole!){ addMember(workspaceId:$w,email:$e,role:$r){ role } }', { w: ws, e: u.email, r: role }, owner.token);
  }
  return ws as string;
}

export async function createDoc(api: APIRequestContext, owner: User, workspaceId: string, title: string, content = '') {
  return (await gql(api, 'mutation($in:DocumentInput!){ createDocument(input:$in){ id } }', { in: { workspaceId, title, content } }, owner.token)).createDocument.id as string;
}

export async function signIn(page: Page, user: User) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('whoami')).toHaveText(user.name);
}

export async function openDoc(page: Page, id: string) {
  await page.goto(`/doc?id=${id}`);
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('collab-status')).toContainText('online');
}

/** The editor's text as CodeMirror holds it (innerText would include the others' name labels). */
export const editorText = (page: Page) => page.evaluate(() => (window as any).__knEditor.state.doc.toString() as string);

const contexts: { close(): Promise<void> }[] = [];
/** A page in a browser context of its own (its own cookies: another person). */
export async function browserPage(browser: Browser) {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  return page;
}
export async function closeContexts() {
  while (contexts.length) await contexts.pop()!.close().catch(() => undefined);
}

export async function apiContext() {
  return request.newContext();
}

/** RFC 6238 code (SHA-1, 30 s, 6 digits) of a base32 secret, as an authenticator app shows it at `at`. */
export function totp(secret: string, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

/** A document as the API has it now (setup and checks only). */
export async function apiDoc(api: APIRequestContext, user: User, id: string) {
  return (await gql(api, 'query($id:ID!){ document(id:$id){ id title content parentId status revision tags } }', { id }, user.token)).document;
}
