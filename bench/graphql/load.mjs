// bench/graphql load driver: the same two reads against knowledge-api and PostGraphile, one load
// generator for both. Started by ./run, which sets the environment below.
//
//   KAPI_URL, KAPI_EMAIL, KAPI_PASSWORD   knowledge-api's /graphql and the benchmark account
//   PEER_URL                              PostGraphile's /graphql
//   PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE   the seeded database, to pick ids
//   CONNECTIONS (16), DURATION (20 s), WARMUP (60 s)
//
// Per query and server: a warm-up in which every response is parsed and must be a GraphQL response
// with the expected data and no errors; the peak (autocannon, closed loop, CONNECTIONS connections,
// DURATION s: requests/s, p50, p99); then an open loop at half that peak rate over the same number of
// connections, latency counted from when each request was due (so queueing counts, as in wrk2).
// autocannon's own rate option (-R) is not used for that: it sends each connection's quota for a second
// back to back, then waits for the next second, which measures bursts, not a steady half load.
import autocannon from 'autocannon';
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const QUERIES = {
  document: {
    title: '(a) document by id, author, tags',
    kapi: `query Doc($id: ID!) { document(id: $id) { id title content tags revision createdAt updatedAt
             author { id email displayName } } }`,
    peer: `query Doc($id: UUID!) { document: documentById(id: $id) { id title content tags revision createdAt updatedAt
             author: appUserByCreatedBy { id email displayName } } }`,
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
    peer: `query Page($ws: UUID!) { documents: allDocuments(condition: { workspaceId: $ws, archived: false, trashedAt: null },
             orderBy: [CREATED_AT_ASC, ID_ASC], first: 20) {
             edges { cursor node { id title tags updatedAt author: appUserByCreatedBy { id displayName } } } pageInfo { hasNextPage endCursor } } }`,
    variables: (ids, i) => ({ ws: ids.workspaces[i % ids.workspaces.length] }),
    valid: (data) => {
      const c = data.documents;
      return c && c.edges.length === 20 && c.pageInfo.hasNextPage === true && c.edges.every((e) => e.cursor && e.node.id && e.node.author && e.node.author.id);
    },
  },
};

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
    { name: 'PostGraphile', key: 'peer', url: env('PEER_URL'), headers: {} },
  ];
}

// --- ids and the equivalence check ------------------------------------------------------------------

async function loadIds() {
  const client = new pg.Client();
  await client.connect();
  try {
    // A fixed pseudo-random order, so consecutive requests hit unrelated rows and pages.
    const documents = (await client.query('SELECT id FROM document ORDER BY md5(id::text)')).rows.map((r) => r.id);
    const workspaces = (await client.query('SELECT id FROM workspace ORDER BY md5(id::text)')).rows.map((r) => r.id);
    return { documents, workspaces };
  } finally {
    await client.end();
  }
}

/** The same fields in both servers' spelling: ids and text as they are, numbers as numbers, instants as epoch ms. */
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
  for (const [query, variables] of samples) {
    const [kapi, peer] = await Promise.all(list.map((s) => gql(s.url, QUERIES[query][s.key], variables, s.headers)));
    const a = JSON.stringify(normalize(kapi)), b = JSON.stringify(normalize(peer));
    if (a !== b) throw new Error(`the servers disagree on ${query} ${JSON.stringify(variables)}:\n knowledge-api ${a.slice(0, 400)}\n PostGraphile  ${b.slice(0, 400)}`);
    if (!QUERIES[query].valid(kapi, variables)) throw new Error(`unexpected answer to ${query} ${JSON.stringify(variables)}: ${a.slice(0, 400)}`);
  }
  return samples.length;
}

// --- load -------------------------------------------------------------------------------------------

const bodies = (query, server, ids) => {
  const q = QUERIES[query];
  // Prepared up front, so the generator spends nothing on JSON per request.
  const n = query === 'document' ? 2000 : ids.workspaces.length;
  return Array.from({ length: n }, (_, i) => JSON.stringify({ query: q[server.key], variables: q.variables(ids, i) }));
};

/** Every response parsed: a GraphQL response with data, the expected shape, no errors. */
const fullCheck = (query) => (text) => {
  try {
    const body = JSON.parse(text);
    return !body.errors && body.data && QUERIES[query].valid(body.data, { id: body.data.document?.id });
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

/** Closed loop: CONNECTIONS connections, each sending its next request when the previous answer arrives. */
function closedLoop(server, payloads, seconds, connections, verifyBody) {
  return new Promise((resolve, reject) => {
    let i = 0;
    const latencies = [];
    const instance = autocannon({
      url: server.url,
      connections,
      duration: seconds,
      pipelining: 1,
      timeout: 10,
      requests: [{
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...server.headers },
        setupRequest: (request) => ({ ...request, body: payloads[i++ % payloads.length] }),
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
        detail: `non2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}, mismatches ${result.mismatches}`,
      });
    });
    // autocannon's own histogram keeps whole milliseconds; these are the exact times.
    instance.on('response', (client, status, bytes, responseTime) => latencies.push(responseTime));
  });
}

/**
 * Open loop at a fixed rate over at most CONNECTIONS keep-alive connections; latency from when each request was due.
 * The connections are opened first (one request each, not counted): opening 16 at the first tick held both servers'
 * first second up by 50-300 ms, which measured connection setup, not the steady half load this phase is about.
 */
async function openLoop(server, payloads, rate, seconds, connections) {
  const url = new URL(server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.round(rate * seconds);
  const latencies = [];
  let sent = 0, done = 0, bad = 0;
  const post = (body, onEnd, onError) => {
    const request = http.request({
      agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body), ...server.headers },
    }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => onEnd(response, Buffer.concat(chunks).toString()));
    });
    request.on('error', onError);
    request.end(body);
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => new Promise((opened, failed) => post(payloads[i % payloads.length], opened, failed))));
  return new Promise((resolve) => {
    // The load generator's own event-loop lag: a request sent late is counted late, so this bounds what of a p99
    // is the generator's rather than the server's.
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    const start = performance.now();
    const finish = () => {
      const elapsed = (performance.now() - start) / 1000;
      lag.disable();
      agent.destroy();
      latencies.sort((a, b) => a - b);
      resolve({ total, rate: total / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), bad, lagP99: lag.percentile(99) / 1e6 });
    };
    const send = (n) => {
      const due = start + (n * 1000) / rate;
      post(payloads[n % payloads.length], (response, text) => {
        latencies.push(performance.now() - due);
        if (response.statusCode !== 200 || !quickCheck(text)) bad++;
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
  const ids = await loadIds();
  const checked = await checkSameAnswers(ids, await servers());
  console.error(`  both servers give the same answers to ${checked} sample requests`);
  const rows = [];
  const only = env('QUERIES', 'document,page').split(',').map((q) => q.trim());
  for (const query of ['document', 'page'].filter((q) => only.includes(q))) {
    const results = {};
    // One sign-in per query, before its warm-up (a token lives 15 minutes, a query's phases take about 4). A sign-in
    // hashes a password (Argon2) and takes paths the reads never do: one just before a measured phase held up that
    // phase's first second, knowledge-api's JIT deoptimizing its compiled read paths (JFR: 29 deoptimizations).
    const both = await servers();
    for (const phase of ['warm-up', 'peak', 'half']) {
      for (const server of both) {
        const payloads = bodies(query, server, ids);
        let r;
        if (phase === 'warm-up') {
          r = await closedLoop(server, payloads, warmup, connections, fullCheck(query));
          // Then the open loop's requests too, uncounted: a JIT that has seen only autocannon's requests recompiled
          // when the half phase began, and that held knowledge-api's first half second up by up to 100 ms.
          const settle = await openLoop(server, payloads, Math.max(1, Math.floor(r.rate / 2)), OPEN_LOOP_WARMUP, connections);
          if (settle.bad > 0) throw new Error(`${server.name}, ${query}, open-loop warm-up: ${settle.bad} of ${settle.total} not a GraphQL response with data`);
        } else if (phase === 'peak') {
          r = await closedLoop(server, payloads, duration, connections, quickCheck);
        } else {
          r = await openLoop(server, payloads, Math.max(1, Math.floor(results[server.key].peak.rate / 2)), duration, connections);
        }
        if (r.total === 0 || r.bad > 0) {
          throw new Error(`${server.name}, ${query}, ${phase}: ${r.total} responses, ${r.bad} not a GraphQL response with data${r.detail ? ` (${r.detail})` : ''}`);
        }
        console.error(`  ${query.padEnd(8)} ${phase.padEnd(7)} ${server.name.padEnd(13)} ${r.rate.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  (${r.total} responses, all checked${r.lagP99 === undefined ? '' : `; load generator lag p99 ${r.lagP99.toFixed(1)} ms`})`);
        (results[server.key] ??= {})[phase] = r;
      }
    }
    rows.push({ query, results });
  }
  print(rows, { connections, duration, warmup });
}

function print(rows, { connections, duration, warmup }) {
  const line = (cols) => console.log(cols.map(([v, w]) => (w < 0 ? String(v).padEnd(-w) : String(v).padStart(w))).join('  '));
  const widths = [-46, -14, 8, 8, 8, 10, 10, 9, 9];
  console.log(`GraphQL reads: knowledge-api vs PostGraphile 4, same PostgreSQL database (10,000 documents, 100 users, 20 workspaces)`);
  console.log(`peak: ${connections} connections, closed loop, ${duration} s after ${warmup} s warm-up; half: open loop at half the peak rate, ${duration} s`);
  line(['query', 'server', 'req/s', 'p50 ms', 'p99 ms', 'kapi/peer', 'half req/s', 'p50 ms', 'p99 ms'].map((v, i) => [v, widths[i]]));
  for (const { query, results } of rows) {
    const ratio = (results.kapi.peak.rate / results.peer.peak.rate).toFixed(2);
    for (const [key, name] of [['kapi', 'knowledge-api'], ['peer', 'PostGraphile']]) {
      const { peak, half } = results[key];
      line([[key === 'kapi' ? QUERIES[query].title : '', widths[0]], [name, widths[1]], [peak.rate.toFixed(0), widths[2]], [peak.p50.toFixed(2), widths[3]],
        [peak.p99.toFixed(2), widths[4]], [key === 'kapi' ? ratio : '', widths[5]], [half.rate.toFixed(0), widths[6]], [half.p50.toFixed(2), widths[7]],
        [half.p99.toFixed(2), widths[8]]]);
    }
  }
  console.log('knowledge-api checks a bearer token and the caller\'s workspace role on every request; PostGraphile runs WITHOUT authentication.');
  console.log('targets: knowledge-api req/s >= PostGraphile\'s on both queries; knowledge-api p99 at half its peak < 20 ms');
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
