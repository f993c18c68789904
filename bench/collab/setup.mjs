// Accounts and documents for collab-websocket's side of the bench, through knowledge-api's GraphQL API:
//   node setup.mjs documents N   — registers the bench account (KAPI_EMAIL/KAPI_PASSWORD), creates a workspace and
//                                  N empty documents; prints their ids, comma-separated
//   node setup.mjs token         — a fresh access token for the account (tokens live 15 minutes)
const url = process.env.KAPI_URL;

// A cold knowledge-api on a busy machine can run past its time budget (RESPONSE_LIMIT_EXCEEDED): tried again.
async function gql(query, variables, token) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gqlOnce(query, variables, token);
    } catch (e) {
      if (attempt >= 4 || !String(e.message).includes('RESPONSE_LIMIT_EXCEEDED')) throw e;
    }
  }
}

async function gqlOnce(query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  if (response.status !== 200 || !body || body.errors || !body.data) {
    throw new Error(`${url}: HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  }
  return body.data;
}

const credentials = { e: process.env.KAPI_EMAIL, p: process.env.KAPI_PASSWORD };

async function token() {
  const data = await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { session { accessToken } mfaChallenge } }', credentials);
  if (!data.login.session) throw new Error('the bench account unexpectedly needs MFA');
  return data.login.session.accessToken;
}

async function documents(count) {
  let access;
  try {
    access = (await gql('mutation($e: String!, $p: String!) { register(email: $e, password: $p, displayName: "Bench Editor") { accessToken } }', credentials))
      .register.accessToken;
  } catch (e) {
    // A register that ran past its budget may still have created the account.
    if (!String(e.message).includes('CONFLICT')) throw e;
    access = await token();
  }
  const workspace = (await gql('mutation { createWorkspace(name: "Collab bench") { id } }', {}, access)).createWorkspace.id;
  const ids = [];
  for (let i = 0; i < count; i++) {
    const data = await gql('mutation($in: DocumentInput!) { createDocument(input: $in) { id } }',
      { in: { workspaceId: workspace, title: `Collab bench ${i}`, content: '' } }, access);
    ids.push(data.createDocument.id);
  }
  return ids.join(',');
}

const [command, arg] = process.argv.slice(2);
if (command === 'documents') console.log(await documents(Number(arg)));
else if (command === 'token') console.log(await token());
else { console.error('usage: node setup.mjs documents N | token'); process.exit(2); }
