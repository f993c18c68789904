// bench/graphql load driver: the same workloads against knowledge-api, PostGraphile 4 and PostGraphile 5, one load
// generator for all. Started by ./run, which sets the environment below.
//
//   KAPI_URL, KAPI_EMAIL, KAPI_PASSWORD   knowledge-api's /graphql and the benchmark account
//   PG4_URL, PG5_URL                      the peers' /graphql (either may be unset: that peer is left out)
//   PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE   the seeded database, to pick ids and check writes
//   CONNECTIONS (16), DURATION (20 s), WARMUP (60 s: knowledge-api), PEER_WARMUP (30 s), WORKLOADS (document,page,write)
//
// Per workload and server: a warm-up in which every response is parsed and must be a GraphQL response with the
// expected data and no errors; the peak (autocannon, closed loop, CONNECTIONS connections, DURATION s: requests/s,
// p50, p99); then an open loop at half that peak rate over the same number of connections, latency counted from when
// each request was due (so queueing counts, as in wrk2). autocannon's own rate option (-R) is not used for that: it
// sends each connection's quota for a second back to back, then waits for the next second, which measures bursts,
// not a steady half load.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

// --- the servers ------------------------------------------------------------------------------------

/** The peers, in the order they are measured. PostGraphile 5's amber preset calls a table's `id` column `rowId`. */
const PEERS = [
  { key: 'pg4', name: 'PostGraphile 4', urlVar: 'PG4_URL', pk: 'id', byPk: 'documentById(id: $id)', orderPk: 'ID_ASC', update: 'updateDocumentById', updatePk: 'id' },
  { key: 'pg5', name: 'PostGraphile 5', urlVar: 'PG5_URL', pk: 'rowId', byPk: 'documentByRowId(rowId: $id)', orderPk: 'ROW_ID_ASC', update: 'updateDocumentByRowId', updatePk: 'rowId' },
];

// --- the workloads ----------------------------------------------------------------------------------

/** A peer's spelling of a document or user id field, aliased to `id` so all answers have the same shape. */
const pkField = (peer) => (peer.pk === 'id' ? 'id' : `id: ${peer.pk}`);

const READS = {
  document: {
    title: '(a) document by id, author, tags',
    kapi: `query Doc($id: ID!) { document(id: $id) { id title content tags revision createdAt updatedAt
             author { id email displayName } } }`,
    peer: (p) => `query Doc($id: UUID!) { document: ${p.byPk} { ${pkField(p)} title content tags revision createdAt updatedAt
             author: appUserByCreatedBy { ${pkField(p)} email displayName } } }`,
    variables: (ids, i) => ({ id: ids.documents[i % ids.documents.length] }),
    valid: (data, variables) => {
      const d = data.document;
      return d && d.id === variables.id && Array.isArray(d.tags) && d.author && d.author.id && d.author.email && typeof d.content === 'string';
    },
  },
  page: {
    title: '(b) first 20 documents of a workspace, authors',
    kapi: `query Page($ws: ID!) { documents(workspaceId: $ws, first: 20) {
             edges { cursor node { id title tags updatedAt author { id displayName } } } pageInfo { hasNextPage endCursor } } }`,
    peer: (p) => `query Page($ws: UUID!) { documents: allDocuments(condition: { workspaceId: $ws, archived: false, trashedAt: null },
             orderBy: [CREATED_AT_ASC, ${p.orderPk}], first: 20) {
             edges { cursor node { ${pkField(p)} title tags updatedAt author: appUserByCreatedBy { ${pkField(p)} displayName } } } pageInfo { hasNextPage endCursor } } }`,
    variables: (ids, i) => ({ ws: ids.workspaces[i % ids.workspaces.length] }),
    valid: (data) => {
      const c = data.documents;
      return c && c.edges.length === 20 && c.pageInfo.hasNextPage === true && c.edges.every((e) => e.cursor && e.node.id && e.node.author && e.node.author.id);
    },
  },
};

/** One in CREATE_EVERY writes is a createDocument, the others updateDocument. */
const CREATE_EVERY = 5;
/** Titles of the documents the write workload creates; every write phase's are deleted after it (see cleanUp). */
const CREATED_TITLE = 'Bench write';
/** Titles of all documents the benchmark creates, the write check's too (seed.sql's are 'Document ...'). */
const BENCH_TITLES = 'Bench %';

const WRITE = {
  title: '(c) write mix: 1 create : 4 updates, [[links]]',
  kapiCreate: 'mutation Create($input: DocumentInput!) { createDocument(input: $input) { id revision updatedAt } }',
  kapiUpdate: `mutation Update($id: ID!, $expected: Int!, $changes: DocumentChanges!) {
                 updateDocument(id: $id, expectedRevision: $expected, changes: $changes) { id revision updatedAt } }`,
  peerCreate: (p) => `mutation Create($d: DocumentInput!) { createDocument(input: { document: $d }) { document { ${pkField(p)} revision updatedAt } } }`,
  peerUpdate: (p) => `mutation Update($id: UUID!, $patch: DocumentPatch!) {
                 ${p.update}(input: { ${p.updatePk}: $id, documentPatch: $patch }) { document { ${pkField(p)} revision updatedAt } } }`,
  valid: (data) => {
    const answer = Object.values(data)[0];
    const doc = answer && (answer.document ?? answer);
    return Boolean(doc && doc.id && doc.revision != null && doc.updatedAt);
  },
};

const TITLES = { ...Object.fromEntries(Object.entries(READS).map(([k, q]) => [k, q.title])), write: WRITE.title };

/**
 * About 1 KB of Markdown that links to three documents of its workspace by [[title]] and one by id: every save makes
 * the server derive four document_link rows.
 */
function markdown(heading, targets, n) {
  const [a, b, c, d] = targets;
  const filler = `Some Markdown text about item ${n}, written by the benchmark to exercise a save. `;
  return `# ${heading}\n\nSee [[${a.title}]] and [[${b.title}|the other one]], also [[${c.title}#notes]] and /documents/${d.id}.\n\n${filler.repeat(12)}\n`;
}

/** Four documents of a workspace to link to, chosen by n. */
function linkTargets(ids, workspace, n) {
  const candidates = ids.linkable.get(workspace);
  return [0, 1, 2, 3].map((k) => candidates[(n * 7 + k * 131) % candidates.length]);
}

/**
 * The write mix for one server: its own documents to update (no other server touches them), each updated by one
 * request at a time with the revision it is known to be at; a document is taken from the idle ones for a request and
 * given back, one revision on, when the answer was a success.
 */
class WriteSource {
  constructor(server, ids, documents) {
    this.server = server;
    this.ids = ids;
    this.documents = documents; // [{ id, workspace, revision }]
    this.idle = [...documents];
    this.n = 0;
    this.seed = 1;
  }

  /** Back to the revisions the database holds (after a phase, whose last built requests may never have been sent). */
  async resync(client) {
    const rows = (await client.query('SELECT id, revision FROM document WHERE id = ANY($1::uuid[])', [this.documents.map((d) => d.id)])).rows;
    const revisions = new Map(rows.map((r) => [r.id, Number(r.revision)]));
    for (const d of this.documents) d.revision = revisions.get(d.id);
    this.idle = [...this.documents];
  }

  next() {
    const n = this.n++;
    return n % CREATE_EVERY === 0 ? this.create(n) : this.update(n);
  }

  create(n) {
    const workspace = this.ids.workspaces[n % this.ids.workspaces.length];
    const title = `${CREATED_TITLE} ${this.server.key} ${n}`;
    const content = markdown(title, linkTargets(this.ids, workspace, n), n);
    const tags = ['bench', `t${n % 7}`];
    return { body: this.createBody(workspace, title, content, tags) };
  }

  createBody(workspace, title, content, tags) {
    const s = this.server;
    if (s.key === 'kapi') return JSON.stringify({ query: WRITE.kapiCreate, variables: { input: { workspaceId: workspace, title, content, tags } } });
    // Every NOT NULL column without a default is required by the generated mutation; the trigger sets revision and
    // instants (peer-writes.sql), as knowledge-api sets them itself.
    const at = '2026-01-01T00:00:00Z';
    const d = { [s.peer.pk]: randomUUID(), workspaceId: workspace, title, content, tags, revision: '1', createdBy: this.ids.owner, updatedBy: this.ids.owner, createdAt: at, updatedAt: at };
    return JSON.stringify({ query: WRITE.peerCreate(s.peer), variables: { d } });
  }

  update(n) {
    if (this.idle.length === 0) throw new Error(`${this.server.name}: all ${this.documents.length} documents of the write mix have an update in flight`);
    // A random idle document: the updates spread over all of this server's documents.
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    const k = this.seed % this.idle.length;
    const doc = this.idle[k];
    this.idle[k] = this.idle[this.idle.length - 1];
    this.idle.pop();
    const content = markdown(`Edited ${n}`, linkTargets(this.ids, doc.workspace, n), n);
    return {
      body: this.updateBody(doc, content),
      done: (ok) => {
        if (!ok) return; // its revision is unknown now: left out until the next resync
        doc.revision++;
        this.idle.push(doc);
      },
    };
  }

  updateBody(doc, content) {
    const s = this.server;
    if (s.key === 'kapi') return JSON.stringify({ query: WRITE.kapiUpdate, variables: { id: doc.id, expected: doc.revision, changes: { content } } });
    // The new revision is the optimistic-concurrency check: the trigger refuses anything but the stored one + 1.
    const patch = { content, revision: String(doc.revision + 1), updatedBy: this.ids.owner };
    return JSON.stringify({ query: WRITE.peerUpdate(s.peer), variables: { id: doc.id, patch } });
  }
}

/** Reads: request bodies prepared up front, so the generator spends nothing on JSON per request. */
class ReadSource {
  constructor(workload, server, ids) {
    const q = READS[workload];
    const text = server.key === 'kapi' ? q.kapi : q.peer(server.peer);
    const n = workload === 'document' ? 2000 : ids.workspaces.length;
    this.items = Array.from({ length: n }, (_, i) => ({ body: JSON.stringify({ query: text, variables: q.variables(ids, i) }) }));
    this.i = 0;
  }

  next() {
    return this.items[this.i++ % this.items.length];
  }
}

// --- HTTP helpers -----------------------------------------------------------------------------------

async function gql(url, query, variables, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (response.status !== 200 || body.errors || !body.data) {
    throw new Error(`${url}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
  return body.data;
}

const kapiUrl = () => env('KAPI_URL');
const credentials = () => ({ e: env('KAPI_EMAIL'), p: env('KAPI_PASSWORD') });

async function register() {
  const data = await gql(kapiUrl(), 'mutation($e: String!, $p: String!) { register(email: $e, password: $p, displayName: "Bench Owner") { user { id } } }',
    credentials());
  return data.register.user.id;
}

/** A fresh access token (they live 15 minutes). */
async function accessToken() {
  const data = await gql(kapiUrl(), 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { session { accessToken } mfaChallenge } }',
    credentials());
  if (!data.login.session) throw new Error('the benchmark account unexpectedly needs MFA');
  return data.login.session.accessToken;
}

async function servers() {
  const token = await accessToken();
  return [
    { name: 'knowledge-api', key: 'kapi', url: kapiUrl(), headers: { authorization: `Bearer ${token}` } },
    ...PEERS.filter((p) => process.env[p.urlVar]).map((p) => ({ name: p.name, key: p.key, url: env(p.urlVar), headers: {}, peer: p })),
  ];
}

// --- ids and the equivalence checks -----------------------------------------------------------------

async function withDatabase(work) {
  const client = new pg.Client();
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function loadIds(client, serverCount) {
  // A fixed pseudo-random order, so consecutive requests hit unrelated rows and pages.
  const documents = (await client.query('SELECT id FROM document ORDER BY md5(id::text)')).rows.map((r) => r.id);
  const workspaces = (await client.query('SELECT id FROM workspace ORDER BY md5(id::text)')).rows.map((r) => r.id);
  const owner = (await client.query('SELECT id FROM app_user WHERE email = $1', [env('KAPI_EMAIL')])).rows[0].id;
  // Link targets per workspace (not trashed: a link to a trashed document does not count).
  const linkable = new Map(workspaces.map((w) => [w, []]));
  for (const r of (await client.query('SELECT id, workspace_id, title FROM document WHERE trashed_at IS NULL ORDER BY md5(id::text)')).rows) {
    linkable.get(r.workspace_id).push({ id: r.id, title: r.title });
  }
  // Documents the write mix updates (active: archived and trashed ones refuse changes), a disjoint share per server.
  const editable = (await client.query('SELECT id, workspace_id, revision FROM document WHERE NOT archived AND trashed_at IS NULL ORDER BY md5(id::text)')).rows;
  const shares = Array.from({ length: serverCount }, () => []);
  editable.forEach((r, i) => shares[i % serverCount].push({ id: r.id, workspace: r.workspace_id, revision: Number(r.revision) }));
  return { documents, workspaces, owner, linkable, shares };
}

/** The same fields in every server's spelling: ids and text as they are, numbers as numbers, instants as epoch ms. */
function normalize(value, key) {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'cursor' || k === 'endCursor') continue; // opaque, each server its own
      out[k] = normalize(v, k);
    }
    return out;
  }
  if (key === 'revision') return Number(value);
  if (key === 'createdAt' || key === 'updatedAt') return Date.parse(value);
  return value;
}

async function checkSameAnswers(ids, list) {
  const samples = [
    ...ids.documents.slice(0, 40).map((id) => ['document', { id }]),
    ...ids.workspaces.map((ws) => ['page', { ws }]),
  ];
  const [kapiServer, ...peers] = list;
  for (const [query, variables] of samples) {
    const q = READS[query];
    const kapi = await gql(kapiServer.url, q.kapi, variables, kapiServer.headers);
    const a = JSON.stringify(normalize(kapi));
    if (!q.valid(kapi, variables)) throw new Error(`unexpected answer to ${query} ${JSON.stringify(variables)}: ${a.slice(0, 400)}`);
    for (const peer of peers) {
      const b = JSON.stringify(normalize(await gql(peer.url, q.peer(peer.peer), variables, peer.headers)));
      if (a !== b) throw new Error(`the servers disagree on ${query} ${JSON.stringify(variables)}:\n knowledge-api ${a.slice(0, 400)}\n ${peer.name.padEnd(13)} ${b.slice(0, 400)}`);
    }
  }
  return samples.length;
}

/**
 * Each server updates one of its documents and creates one, with the same content, and what each left in the
 * database must be the same: the links derived from the content (including an earlier [[mention]] of the new
 * document's title, relinked on create), the version rows and the outbox events with their payloads.
 */
async function checkSameWrites(client, ids, list, sources) {
  const workspace = ids.workspaces[0];
  const updated = new Map(list.map((server) => [server.key, sources.get(server.key).documents.find((d) => d.workspace === workspace)]));
  // Not one of the updated documents: a document's link to itself does not count.
  const targets = ids.linkable.get(workspace).filter((t) => ![...updated.values()].some((d) => d.id === t.id)).slice(0, 3);
  const outcomes = [];
  for (const server of list) {
    const source = sources.get(server.key);
    const doc = updated.get(server.key);
    const mention = `Bench check ${server.key}`;
    const content = `Check: [[${targets[0].title}]], [[${mention}]] (not there yet) and ${targets[1].id}.`;
    const before = (await client.query('SELECT max(id) AS id FROM outbox_event')).rows[0].id ?? 0;
    const send = async (body) => {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...server.headers }, body });
      const text = await response.text();
      if (response.status !== 200 || !quickCheck(text)) throw new Error(`${server.name}: a write of the check failed: HTTP ${response.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text).data;
    };
    await send(source.updateBody(doc, content));
    doc.revision++;
    const createdAnswer = Object.values(await send(source.createBody(workspace, mention, `New, linking [[${targets[2].title}]].`, ['check'])))[0];
    const created = (createdAnswer.document ?? createdAnswer).id;
    const links = async (id) => (await client.query('SELECT t.title FROM document_link l JOIN document t ON t.id = l.target_id WHERE l.source_id = $1 ORDER BY 1', [id])).rows
      .map((r) => (r.title === mention ? '<created>' : r.title));
    const versions = async (id) => (await client.query('SELECT revision, content, tags FROM document_version WHERE document_id = $1 ORDER BY revision DESC LIMIT 1', [id])).rows
      .map((r) => ({ revision: Number(r.revision), content: r.content.replace(mention, '<created>'), tags: r.tags }));
    // Each server updates a document of its own: its id, title, tags, parent and revision are its own too.
    const label = (id) => (id === doc.id ? '<updated>' : id === created ? '<created>' : id);
    const events = (await client.query('SELECT aggregate_id, event_type, revision, payload FROM outbox_event WHERE id > $1 ORDER BY id', [before])).rows
      .map((e) => {
        const updated = e.aggregate_id === doc.id;
        const p = e.payload;
        return {
          aggregate: label(e.aggregate_id), type: e.event_type, revision: Number(e.revision) - (updated ? doc.revision : 0),
          payload: { ...p, id: label(p.id), revision: p.revision - (updated ? doc.revision : 0), title: updated ? '<title>' : p.title === mention ? '<created>' : p.title,
            tags: updated ? '<tags>' : p.tags, parentId: updated ? '<parent>' : p.parentId },
        };
      });
    const outcome = {
      updatedLinks: await links(doc.id), createdLinks: await links(created),
      updatedVersion: (await versions(doc.id)).map((v) => ({ ...v, revision: v.revision - doc.revision, tags: '<tags>' })),
      createdVersion: await versions(created), events,
    };
    outcomes.push([server, outcome]);
  }
  const [[, expected]] = outcomes;
  const want = [targets[0].title, '<created>', targets[1].title].sort();
  if (JSON.stringify(expected.updatedLinks) !== JSON.stringify(want) || expected.createdLinks.length !== 1 || expected.events.length !== 2) {
    throw new Error(`knowledge-api's writes did not leave what the check expects: ${JSON.stringify(expected)}`);
  }
  for (const [server, outcome] of outcomes.slice(1)) {
    if (JSON.stringify(outcome) !== JSON.stringify(expected)) {
      throw new Error(`${server.name}'s writes differ from knowledge-api's:\n knowledge-api ${JSON.stringify(expected)}\n ${server.name} ${JSON.stringify(outcome)}`);
    }
  }
}

/** Requests a closed loop sent just before its end may still be running: waits until the database is quiet. */
async function quiet(client) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const busy = Number((await client.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                                               AND backend_type = 'client backend' AND state IN ('active', 'idle in transaction')`)).rows[0].n);
    if (busy === 0) break;
    if (Date.now() > deadline) throw new Error(`the database stayed busy (${busy} sessions) for 20 s after a write phase`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every write phase starts from the same table: the documents the benchmark created are deleted after each. */
async function cleanUp(client) {
  await quiet(client);
  const { rowCount } = await client.query('DELETE FROM document WHERE title LIKE $1', [BENCH_TITLES]);
  await client.query('VACUUM (ANALYZE) document, document_version, document_link, outbox_event');
  return rowCount;
}

// --- load -------------------------------------------------------------------------------------------

/** Every response parsed: a GraphQL response with data, the expected shape, no errors. */
const fullCheck = (workload) => (text) => {
  try {
    const body = JSON.parse(text);
    if (body.errors || !body.data) return false;
    return workload === 'write' ? WRITE.valid(body.data) : READS[workload].valid(body.data, { id: body.data.document?.id });
  } catch {
    return false;
  }
};
/** Cheap enough for measured runs: data first, no errors anywhere. */
const quickCheck = (text) => text.startsWith('{"data":{') && !text.includes('"errors"');

/** Seconds of open loop at the end of each warm-up (see bench()). */
const OPEN_LOOP_WARMUP = 10;

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** The load generator's own cost over a phase: its CPU (share of one core) and its event loop's lag (p99). */
function generatorMeter() {
  // The histogram holds whole timer intervals (an idle loop reads the resolution): the lag is what is beyond it.
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  return () => {
    lag.disable();
    const used = process.cpuUsage(cpu);
    return { cpu: (used.user + used.system) / 1000 / (performance.now() - start), lagP99: Math.max(0, lag.percentile(99) / 1e6 - 1) };
  };
}

/** Closed loop: CONNECTIONS connections, each sending its next request when the previous answer arrives. */
function closedLoop(server, source, seconds, connections, verifyBody) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    let firstBad;
    const meter = generatorMeter();
    const instance = autocannon({
      url: server.url,
      connections,
      duration: seconds,
      pipelining: 1,
      timeout: 10,
      requests: [{
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...server.headers },
        // A connection's context lives from building its request to that request's answer (one in flight each).
        setupRequest: (request, context) => {
          context.item = source.next();
          return { ...request, body: context.item.body };
        },
        onResponse: (status, body, context) => context.item.done?.(status === 200 && quickCheck(body)),
      }],
      verifyBody,
    }, (error, result) => {
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      resolve({
        total: latencies.length,
        rate: latencies.length / result.duration,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        bad: result.non2xx + result.errors + result.timeouts + result.mismatches,
        detail: `non2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}, mismatches ${result.mismatches}; the first: ${firstBad}`,
        ...meter(),
      });
    });
    // autocannon's own histogram keeps whole milliseconds; these are the exact times.
    instance.on('response', (client, status, bytes, responseTime) => latencies.push(responseTime));
    instance.on('reqMismatch', (body) => (firstBad ??= String(body).slice(0, 300)));
    instance.on('reqError', (error) => (firstBad ??= String(error)));
  });
}

/**
 * Open loop at a fixed rate over at most CONNECTIONS keep-alive connections; latency from when each request was due.
 * The connections are opened first (one request each, not counted): opening 16 at the first tick held the servers'
 * first second up by 50-300 ms, which measured connection setup, not the steady half load this phase is about.
 */
async function openLoop(server, source, rate, seconds, connections) {
  const url = new URL(server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.round(rate * seconds);
  const latencies = [];
  let sent = 0, done = 0, bad = 0, firstBad;
  const post = (item, onEnd, onError) => {
    const request = http.request({
      agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(item.body), ...server.headers },
    }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const ok = response.statusCode === 200 && quickCheck(text);
        if (!ok) firstBad ??= `HTTP ${response.statusCode}: ${text.slice(0, 300)}`;
        item.done?.(ok);
        onEnd(ok);
      });
    });
    request.on('error', (error) => {
      firstBad ??= String(error);
      item.done?.(false);
      onError(error);
    });
    request.end(item.body);
  };
  await Promise.all(Array.from({ length: connections }, () => new Promise((opened, failed) => post(source.next(), opened, failed))));
  return new Promise((resolve) => {
    // The load generator's own event-loop lag: a request it sends late is counted late, so this bounds what of a p99
    // is the generator's rather than the server's.
    const meter = generatorMeter();
    const start = performance.now();
    const finish = () => {
      const elapsed = (performance.now() - start) / 1000;
      agent.destroy();
      latencies.sort((a, b) => a - b);
      resolve({ total, rate: total / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), bad, detail: `the first: ${firstBad}`, ...meter() });
    };
    const send = (n) => {
      const due = start + (n * 1000) / rate;
      post(source.next(), (ok) => {
        latencies.push(performance.now() - due);
        if (!ok) bad++;
        if (++done === total) finish();
      }, () => {
        bad++;
        if (++done === total) finish();
      });
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      while (sent < due) send(sent++);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
}

async function bench() {
  const connections = Number(env('CONNECTIONS', '16'));
  const duration = Number(env('DURATION', '20'));
  const warmup = Number(env('WARMUP', '60'));
  const peerWarmup = Number(env('PEER_WARMUP', '30'));
  const only = env('WORKLOADS', process.env.QUERIES ?? 'document,page,write').split(',').map((q) => q.trim());
  const list = await servers();
  const client = new pg.Client();
  await client.connect();
  const ids = await loadIds(client, list.length);
  const checked = await checkSameAnswers(ids, list);
  console.error(`  all ${list.length} servers give the same answers to ${checked} sample reads`);
  const writeSources = new Map(list.map((s, i) => [s.key, new WriteSource(s, ids, ids.shares[i])]));
  const rows = [];
  for (const workload of ['document', 'page', 'write'].filter((q) => only.includes(q))) {
    const results = {};
    // One sign-in per workload, before its warm-up (a token lives 15 minutes, a workload's phases take about 4). A
    // sign-in hashes a password (Argon2) and takes paths the requests never do: one just before a measured phase held
    // up that phase's first second, knowledge-api's JIT deoptimizing its compiled read paths (JFR: 29 deoptimizations).
    const signedIn = await servers();
    const sourceOf = (server) => (workload === 'write' ? writeSources.get(server.key) : new ReadSource(workload, server, ids));
    if (workload === 'write') {
      for (const server of signedIn) writeSources.get(server.key).server = server; // the fresh token
      await checkSameWrites(client, ids, signedIn, writeSources);
      await cleanUp(client);
      for (const source of writeSources.values()) await source.resync(client);
      console.error(`  all ${signedIn.length} servers leave the same links, versions and outbox events after a create and an update`);
    }
    for (const phase of ['warm-up', 'peak', 'half']) {
      for (const server of signedIn) {
        const source = sourceOf(server);
        let r;
        if (phase === 'warm-up') {
          r = await closedLoop(server, source, server.key === 'kapi' ? warmup : peerWarmup, connections, fullCheck(workload));
          // Then the open loop's requests too, uncounted: a JIT that has seen only autocannon's requests recompiled
          // when the half phase began, and that held knowledge-api's first half second up by up to 100 ms.
          if (r.bad === 0) {
            if (workload === 'write') {
              await quiet(client);
              await source.resync(client);
            }
            const settle = await openLoop(server, source, Math.max(1, Math.floor(r.rate / 2)), OPEN_LOOP_WARMUP, connections);
            if (settle.bad > 0) throw new Error(`${server.name}, ${workload}, open-loop warm-up: ${settle.bad} of ${settle.total} not a GraphQL response with data (${settle.detail})`);
          }
        } else if (phase === 'peak') {
          r = await closedLoop(server, source, duration, connections, quickCheck);
        } else {
          r = await openLoop(server, source, Math.max(1, Math.floor(results[server.key].peak.rate / 2)), duration, connections);
        }
        if (r.total === 0 || r.bad > 0) {
          throw new Error(`${server.name}, ${workload}, ${phase}: ${r.total} responses, ${r.bad} not a GraphQL response with data${r.detail ? ` (${r.detail})` : ''}`);
        }
        let note = '';
        if (workload === 'write') {
          note = `; ${await cleanUp(client)} created documents deleted`;
          await source.resync(client);
        }
        console.error(`  ${workload.padEnd(8)} ${phase.padEnd(7)} ${server.name.padEnd(14)} ${r.rate.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`
          + `  (${r.total} responses, all checked; load generator CPU ${(r.cpu * 100).toFixed(0)} %, lag p99 ${r.lagP99.toFixed(1)} ms${note})`);
        (results[server.key] ??= {})[phase] = r;
      }
    }
    rows.push({ workload, results, servers: signedIn });
  }
  await client.end();
  print(rows, { connections, duration, warmup, peerWarmup });
}

function print(rows, { connections, duration, warmup, peerWarmup }) {
  const line = (cols) => console.log(cols.map(([v, w]) => (w < 0 ? String(v).padEnd(-w) : String(v).padStart(w))).join('  '));
  const widths = [-46, -14, 7, 7, 7, 7, 7, 7, 7, 9, 9];
  const header = ['workload', 'server', 'req/s', 'p50 ms', 'p99 ms', 'kapi/x', 'half/s', 'p50 ms', 'p99 ms', 'gen cpu%', 'gen lag'];
  console.log('GraphQL: knowledge-api vs PostGraphile 4 and 5, same PostgreSQL database (10,000 documents, 100 users, 20 workspaces)');
  console.log(`peak: ${connections} connections, closed loop, ${duration} s after a warm-up (knowledge-api ${warmup} s, peers ${peerWarmup} s); half: open loop at half the peak rate, ${duration} s`);
  line(header.map((v, i) => [v, widths[i]]));
  for (const { workload, results, servers: list } of rows) {
    list.forEach((server, i) => {
      const { peak, half } = results[server.key];
      const ratio = i === 0 ? '' : (results.kapi.peak.rate / peak.rate).toFixed(2);
      line([[i === 0 ? TITLES[workload] : '', widths[0]], [server.name, widths[1]], [peak.rate.toFixed(0), widths[2]], [peak.p50.toFixed(2), widths[3]],
        [peak.p99.toFixed(2), widths[4]], [ratio, widths[5]], [half.rate.toFixed(0), widths[6]], [half.p50.toFixed(2), widths[7]], [half.p99.toFixed(2), widths[8]],
        [`${(peak.cpu * 100).toFixed(0)}/${(half.cpu * 100).toFixed(0)}`, widths[9]], [`${peak.lagP99.toFixed(1)}/${half.lagP99.toFixed(1)}`, widths[10]]]);
    });
  }
  console.log('kapi/x: knowledge-api\'s req/s over this peer\'s. gen cpu%, gen lag: the load generator\'s own CPU (share of one core) and');
  console.log('event-loop lag p99 (ms), at the peak / at half peak.');
  console.log('knowledge-api checks a bearer token and the caller\'s workspace role on every request; the peers run WITHOUT authentication.');
  console.log('Writes: knowledge-api derives links, keeps a version and appends an outbox event in each save\'s transaction; the peers\' generated');
  console.log('mutations get the same work from triggers in the bench database (peer-writes.sql), but no auth, no input validation, no cache invalidation.');
  console.log('targets: knowledge-api req/s >= each peer\'s on every workload; knowledge-api p99 at half its peak < 20 ms on the reads');
}

const command = process.argv[2];
if (command === 'register') {
  console.log(await register());
} else if (command === 'bench') {
  await bench();
} else {
  console.error('usage: node load.mjs register|bench');
  process.exit(2);
}
