#!/usr/bin/env bash
# collab-websocket on a live stack, through the gateway as a browser reaches it: a user registered through
# GraphQL edits a document live over WebSocket (/collab/<id>, token in the first message); the edit is
# acknowledged, saved into the document (document(id) shows it under a new revision) and found by
# searchDocuments within a deadline (the save's outbox event, search-indexer, OpenSearch).
# Prints PASS/FAIL <name> lines; exits non-zero if any failed.
#   KN_GATEWAY_URL (default http://127.0.0.1:8080)   KN_COLLAB_SEARCH_DEADLINE seconds (default 60)
#   KN_COLLAB_BYPASS_GATEWAY=1: to knowledge-api and collab-websocket directly (KN_GRAPHQL_URL, default
#   http://127.0.0.1:8081/graphql, and KN_COLLAB_URL, default ws://127.0.0.1:8082/collab), to tell a gateway
#   problem from a service's; without it everything goes through the gateway (test/suites/stack.sh sets
#   KN_GRAPHQL_URL and KN_COLLAB_URL for every test: they are not used unless asked for)
set -uo pipefail
gateway="${KN_GATEWAY_URL:-http://127.0.0.1:8080}"
command -v node >/dev/null || { echo "FAIL collab: node is not installed (the WebSocket client is a Node.js script)"; exit 1; }
# Node 22 has WebSocket built in; Node 20 behind a flag.
flags=()
node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null || flags=(--experimental-websocket)

KN_GATEWAY_URL="$gateway" node "${flags[@]}" --no-warnings --input-type=module - <<'JS'
const gateway = process.env.KN_GATEWAY_URL.replace(/\/$/, '');
const direct = process.env.KN_COLLAB_BYPASS_GATEWAY === '1';
const graphqlUrl = direct ? (process.env.KN_GRAPHQL_URL || 'http://127.0.0.1:8081/graphql') : `${gateway}/graphql`;
const collabBase = (direct ? (process.env.KN_COLLAB_URL || 'ws://127.0.0.1:8082/collab') : `${gateway.replace(/^http/, 'ws')}/collab`).replace(/\/$/, '');
const via = direct ? 'directly (gateway bypassed)' : 'through the gateway';
const searchDeadline = Number(process.env.KN_COLLAB_SEARCH_DEADLINE ?? 60) * 1000;
let failed = 0;
const pass = (name) => console.log(`PASS collab: ${name}`);
const fail = (name, why) => { failed++; console.log(`FAIL collab: ${name}: ${why}`); };

async function gql(query, variables, token) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    signal: AbortSignal.timeout(20000),
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  if (response.status !== 200 || !body || body.errors || !body.data) {
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 400)}`);
  }
  return body.data;
}

async function until(deadlineMs, check) {
  const end = Date.now() + deadlineMs;
  let last;
  while (Date.now() < end) {
    try { if (await check()) return true; } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (last) throw last;
  return false;
}

// A word nobody else has typed: what search must find.
const word = `quokka${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
let token, documentId;
try {
  const email = `collab-stack-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  token = (await gql('mutation($e: String!, $p: String!) { register(email: $e, password: $p, displayName: "Collab Stack Test") { accessToken } }',
    { e: email, p: `Stack-${Math.random().toString(36).slice(2)}-Pw1!` })).register.accessToken;
  const workspace = (await gql('mutation { createWorkspace(name: "Collab stack test") { id } }', {}, token)).createWorkspace.id;
  documentId = (await gql('mutation($in: DocumentInput!) { createDocument(input: $in) { id } }',
    { in: { workspaceId: workspace, title: 'Live notes', content: 'Written live: ' } }, token)).createDocument.id;
  pass('a user registered through GraphQL has a document');
} catch (e) {
  fail('a user registered through GraphQL has a document', e.message);
  process.exit(1);
}

// The live edit: join, insert the word at the end, wait for the ack.
const wsUrl = `${collabBase}/${documentId}`;
let revisionBefore = 1;
try {
  revisionBefore = (await gql('query($id: ID!) { document(id: $id) { revision } }', { id: documentId }, token)).document.revision;
} catch (e) { /* the save check below says what is wrong */ }
const acked = await new Promise((resolve) => {
  const socket = new WebSocket(wsUrl);
  const timer = setTimeout(() => { socket.close(); resolve('no ack within 15 s'); }, 15000);
  const done = (result) => { clearTimeout(timer); resolve(result); setTimeout(() => socket.close(1000), 100); };
  socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token }));
  socket.onerror = () => done(`the WebSocket to ${wsUrl} failed`);
  socket.onclose = (e) => done(`closed with ${e.code} ${e.reason}`);
  socket.onmessage = (event) => {
    const m = JSON.parse(event.data);
    if (m.type === 'joined') {
      if (!m.canEdit) return done(`joined as ${m.role} without the right to edit`);
      const length = [...m.snapshot].length;
      socket.send(JSON.stringify({ type: 'op', v: m.v, op: [length, ` ${word}`], src: `stack-${word}`, seq: 1 }));
    } else if (m.type === 'ack' && m.seq === 1) {
      done(null);
    } else if (m.type === 'error') {
      done(`error ${m.code}: ${m.message}`);
    }
  };
});
if (acked === null) pass(`a live edit over WebSocket ${via} is acknowledged`);
else { fail(`a live edit over WebSocket ${via} is acknowledged`, acked); process.exit(1); }

try {
  const saved = await until(30000, async () => {
    const d = (await gql('query($id: ID!) { document(id: $id) { content revision } }', { id: documentId }, token)).document;
    return d.content.includes(word) && d.revision > revisionBefore;
  });
  if (saved) pass('the live edit is saved into the document (content and a new revision)');
  else fail('the live edit is saved into the document (content and a new revision)', 'not within 30 s');
} catch (e) {
  fail('the live edit is saved into the document (content and a new revision)', e.message);
}

try {
  const found = await until(searchDeadline, async () => {
    const s = (await gql('query($q: String!) { searchDocuments(query: $q) { edges { node { id } } } }', { q: word }, token)).searchDocuments;
    return s.edges.some((e) => e.node.id === documentId);
  });
  if (found) pass(`searchDocuments finds the live-edited text within ${searchDeadline / 1000} s`);
  else fail(`searchDocuments finds the live-edited text within ${searchDeadline / 1000} s`, 'not found in time');
} catch (e) {
  fail(`searchDocuments finds the live-edited text within ${searchDeadline / 1000} s`, e.message);
}
process.exit(failed ? 1 : 0);
JS
