// End to end: a platform admin starts a search reindex with knowledge-api's startSearchReindex mutation, a running
// search-indexer picks the request up, builds the new index from PostgreSQL and moves the alias; searchReindex follows
// it to SWITCHED, and the alias is checked to point at the index the mutation named. Prints one JSON line with the
// time to pick up and the time to switch.
//
// Environment: KAPI_URL, OPENSEARCH_URL, ALIAS, PG* (the same database as the services; the admin role is granted by
// SQL, as an operator does for the first admin).
import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function gql(query, variables, token) {
  const response = await fetch(env('KAPI_URL'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`knowledge-api: ${JSON.stringify(body.errors).slice(0, 400)}`);
  return body.data;
}

// RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as authenticator apps compute it.
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
}
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const email = `reindex-admin-${randomBytes(4).toString('hex')}@bench.example`;
const password = `admin-password-${randomBytes(6).toString('hex')}`;
const registered = await gql('mutation($e: String!, $p: String!) { register(email: $e, password: $p, displayName: "Reindex Admin") { user { id } accessToken } }',
  { e: email, p: password });
const db = new pg.Client();
await db.connect();
await db.query("UPDATE app_user SET platform_role = 'ADMIN' WHERE id = $1", [registered.register.user.id]);
const plain = registered.register.accessToken;
const { secret } = (await gql('mutation($p: String!) { enrollMfa(password: $p) { secret } }', { p: password }, plain)).enrollMfa;
const step = Math.floor(Date.now() / 1000 / 30);
await gql('mutation($c: String!) { confirmMfa(code: $c) { codes } }', { c: totp(secret, step) }, plain);
const challenge = (await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { mfaChallenge } }', { e: email, p: password })).login.mfaChallenge;
const admin = (await gql('mutation($c: String!, $code: String!) { verifyMfa(challenge: $c, code: $code) { accessToken } }',
  { c: challenge, code: totp(secret, step + 1) })).verifyMfa.accessToken;

const before = Object.keys(await (await fetch(`${env('OPENSEARCH_URL')}/${env('ALIAS')}/_alias`)).json());
const asked = Date.now();
const started = (await gql('mutation { startSearchReindex { id state index } }', {}, admin)).startSearchReindex;
const answered = Date.now();
let status;
do {
  await sleep(500);
  status = (await gql('query($id: ID) { searchReindex(id: $id) { state index documents error } }', { id: started.id }, admin)).searchReindex;
} while (status.state === 'REQUESTED' || status.state === 'BUILDING');
const after = Object.keys(await (await fetch(`${env('OPENSEARCH_URL')}/${env('ALIAS')}/_alias`)).json());
await db.end();
const ok = status.state === 'SWITCHED' && after.length === 1 && after[0] === status.index && status.index === (started.index ?? status.index)
  && !before.includes(status.index);
console.log(JSON.stringify({ phase: 'admin-reindex', ok, answeredState: started.state, answeredIndex: started.index, answerMs: answered - asked,
  state: status.state, documents: status.documents, error: status.error, switchSeconds: +((Date.now() - asked) / 1000).toFixed(1), aliasBefore: before, aliasAfter: after }));
if (!ok) process.exit(1);
