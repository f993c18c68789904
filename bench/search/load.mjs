// bench/search load generator: one script for every phase, so the numbers share one client (a latency run's requests
// go out from GENERATORS child processes of it, one by default). Each phase prints one
// JSON line on stdout (the run script makes the table of them) with the generator's own CPU (user+system over wall
// time) and event-loop lag (p99 of perf_hooks' delay histogram): a busy generator would inflate the latencies.
//
//   node load.mjs register                       -> the benchmark account's user id
//   node load.mjs throughput <committedAtMs>     -> outbox to searchable: the indexer's rate over the seeded rows
//   node load.mjs warm                           -> documents like the seed's into a scratch index (OpenSearch's warm-up)
//   node load.mjs bulk                           -> the same documents straight into OpenSearch with _bulk (the ceiling)
//   node load.mjs lag                            -> commit-to-searchable lag under steady updateDocument writes
//   node load.mjs latency kapi-search|kapi-suggest|os-suggest|pg-search|pg-suggest
//   node load.mjs warm-latency <kind>            -> that kind's requests, untimed, until their rate is steady
//   node load.mjs settle                         -> waits until OpenSearch merges nothing
//   node load.mjs calibrate                      -> the machine's speed: a fixed piece of work's time
//
// Environment: KAPI_URL, KAPI_EMAIL, KAPI_PASSWORD, OPENSEARCH_URL, ALIAS (the documents alias), PG* (the bench
// database), COUNT (documents seeded), BATCH (documents per _bulk, as the indexer's batch), CONCURRENCY, DURATION,
// WARMUP (seconds), LAG_RATE (writes/s), LAG_DURATION (s), RATE (requests/s: a latency run as an open loop at that rate
// instead of CONCURRENCY clients in a closed loop), GENERATORS (processes sending a latency run's requests, 1),
// WARM_DOCUMENTS (100000, the least), WARM_MAX_DOCUMENTS (300000).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();

// --- the generator's own cost ---------------------------------------------------------------------------------------
function meter() {
  // The histogram holds whole timer intervals (an idle loop reads the resolution): the lag is what is beyond it.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  return () => {
    loop.disable();
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - start;
    return {
      generatorCpu: +(((used.user + used.system) / 1000 / wall) * 100).toFixed(1),
      generatorLagP99Ms: +Math.max(0, loop.percentile(99) / 1e6 - 10).toFixed(1),
    };
  };
}

function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
  return { n: sorted.length, p50: +at(50).toFixed(2), p99: +at(99).toFixed(2), max: +at(100).toFixed(2) };
}

// --- clients --------------------------------------------------------------------------------------------------------
async function gql(query, variables, token) {
  const response = await send('POST', env('KAPI_URL'), JSON.stringify({ query, variables }),
    { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });
  const body = JSON.parse(response.text);
  if (response.status !== 200 || body.errors) throw new Error(`knowledge-api: HTTP ${response.status}: ${response.text.slice(0, 400)}`);
  return body.data;
}

// node:http with kept-alive connections rather than fetch: about 40 % less of the generator's CPU per request (at 200
// suggestions a second 13 % of a core instead of 21 %), CPU that on two cores the servers under test get instead.
const agent = new http.Agent({ keepAlive: true });
function send(method, url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { 'content-length': Buffer.byteLength(body) };
    const request = http.request(url, { method, agent, headers: { ...headers, ...length } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}
const credentials = () => ({ e: env('KAPI_EMAIL'), p: env('KAPI_PASSWORD') });
async function accessToken() {
  const data = await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { session { accessToken } } }', credentials());
  return data.login.session.accessToken;
}

async function opensearch(method, path, body, contentType = 'application/json') {
  const response = await send(method, env('OPENSEARCH_URL') + path,
    body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    body === undefined ? {} : { 'content-type': contentType });
  const text = response.text;
  if (response.status >= 300) throw new Error(`OpenSearch ${method} ${path}: HTTP ${response.status}: ${text.slice(0, 400)}`);
  return JSON.parse(text);
}

/**
 * Every body into the index, as many requests in flight as the indexer sends (INDEXER_IN_FLIGHT): one at a time left
 * OpenSearch waiting on each answer, a ceiling a third lower than what it takes (6,400-7,000 against 9,300-10,200
 * documents a second, ninth pass).
 */
async function bulkAll(index, bodies) {
  let next = 0;
  await Promise.all(Array.from({ length: Number(env('INDEXER_IN_FLIGHT', '2')) }, async () => {
    while (next < bodies.length) await bulkInto(index, bodies[next++]);
  }));
}

/** A _bulk body indexing each document at its revision as the external version, as search-indexer sends them. */
const bulkBody = (documents) => documents.map((d) =>
  JSON.stringify({ index: { _id: d.id, version: d.revision, version_type: 'external' } }) + '\n' + JSON.stringify(d) + '\n').join('');

async function bulkInto(index, body) {
  const answer = await opensearch('POST', `/${index}/_bulk`, body, 'application/x-ndjson');
  if (answer.errors) throw new Error(`_bulk into ${index} refused items: ${JSON.stringify(answer.items.find((i) => i.index.error)).slice(0, 300)}`);
}


// The seeded documents (seed.sql): ids md5('search-doc' || i); archived every 23rd, trashed every 37th.
const documentId = (i) => {
  const h = createHash('md5').update(`search-doc${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const workspaceId = (w) => {
  const h = createHash('md5').update(`search-ws${w}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const WORKSPACES = Array.from({ length: 20 }, (_, w) => workspaceId(w));

// Queries: common, middling and rare words of the seed's vocabulary (it is skewed: the first words are frequent), one
// to three words, as people type them into a search box. The same list for knowledge-api and PostgreSQL.
const SEARCHES = [
  'account', 'project plan', 'data', 'release notes', 'meeting', 'security review', 'graph theory', 'migration plan',
  'deployment pipeline', 'customer feedback', 'performance', 'quantum walk', 'incident report', 'roadmap', 'workflow',
  'onboarding handbook', 'user interview', 'budget estimate', 'storage', 'search index', 'vendor contract', 'schema',
  'test strategy', 'knowledge', 'documentation guideline', 'risk assessment', 'sprint', 'server upgrade', 'api',
  'team structure', 'training', 'version', 'quality', 'design review', 'market analysis', 'writing style',
];
const SUGGESTS = [
  'ac', 'acc', 'proj', 'project pl', 'da', 'dat', 're', 'rele', 'releas', 'me', 'meet', 'sec', 'secur', 'gra', 'grap',
  'graph th', 'mig', 'migra', 'dep', 'deploy', 'cus', 'custo', 'perf', 'perfor', 'qua', 'quantum w', 'inc', 'incid',
  'road', 'work', 'workf', 'docu', 'documenta', 'risk a', 'spr', 'serv', 'serve', 'tea', 'trai', 'vers', 'desi',
];

// --- phases ---------------------------------------------------------------------------------------------------------
/** The first requests of a cold knowledge-api on a busy machine can run past its 10 s budget: try again (or sign in, if it went through). */
async function register() {
  for (let attempt = 1; ; attempt++) {
    try {
      const data = await gql('mutation($e: String!, $p: String!) { register(email: $e, password: $p, displayName: "Search Bench") { user { id } } }',
        credentials());
      return data.register.user.id;
    } catch (e) {
      if (attempt >= 5) throw e;
      console.error(`register, attempt ${attempt}: ${e.message.slice(0, 200)}`);
      await sleep(2000);
      try {
        return (await gql('{ me { id } }', {}, await accessToken())).me.id;
      } catch {
        // not registered: again
      }
    }
  }
}

/** An index's write counters (primaries): documents indexed and the time in indexing, merges, refreshes and flushes. */
async function writeStats(index) {
  const p = (await opensearch('GET', `/${index}/_stats/indexing,merge,refresh,flush`))._all.primaries;
  return { indexed: p.indexing.index_total, indexMs: p.indexing.index_time_in_millis, mergeMs: p.merges.total_time_in_millis,
    mergedDocs: p.merges.total_docs, refreshMs: p.refresh.total_time_in_millis, flushMs: p.flush.total_time_in_millis };
}

/**
 * OpenSearch's own account of a half of phase (1), from its counters before and after it: the time its indexing
 * threads spent per document (parsing, analysis, Lucene; summed over threads, so two requests at once count twice),
 * and the seconds of merging, refreshing and flushing that completed meanwhile (merges count when they end).
 */
function writeShare(before, after) {
  const documents = Math.max(1, after.indexed - before.indexed);
  return { indexUsPerDoc: Math.round((after.indexMs - before.indexMs) * 1000 / documents),
    mergeSeconds: +((after.mergeMs - before.mergeMs) / 1000).toFixed(1), mergedDocs: after.mergedDocs - before.mergedDocs,
    refreshSeconds: +((after.refreshMs - before.refreshMs) / 1000).toFixed(1), flushSeconds: +((after.flushMs - before.flushMs) / 1000).toFixed(1) };
}

/**
 * One half of phase (1): from the commit of the outbox rows of documents FROM to TO (seed.sql's, then outbox.sql's)
 * until the outbox has no unprocessed document row; then every document written so far (1 to TO) is checked searchable.
 */
async function throughput(committedAt, from, to) {
  const done = meter();
  const client = new pg.Client();
  await client.connect();
  const documents = to - from + 1;
  const before = await writeStats(env('ALIAS'));
  // The probe must cost PostgreSQL next to nothing, or the indexer's side pays for the measurement: it asks whether
  // any row is pending (the first entry of the partial index of pending rows), not how many. Until the thirteenth pass
  // it counted them, 10 times a second: with the fresh database's statistics each count read every pending row, up to
  // 40 % of a core at the start of the drain. Sequential and bitmap scans are off so that the index is read whatever
  // the statistics say (the indexer's claim needs only sorting off for that: its ORDER BY id rules the others out).
  await client.query('SET enable_seqscan = off');
  await client.query('SET enable_bitmapscan = off');
  let pending;
  do {
    await sleep(100);
    pending = (await client.query(
      "SELECT EXISTS (SELECT 1 FROM outbox_event WHERE processed_at IS NULL AND aggregate_type = 'document') AS pending")).rows[0].pending;
  } while (pending);
  const drained = now();
  const engine = writeShare(before, await writeStats(env('ALIAS')));
  const span = (await client.query(
    `SELECT extract(epoch FROM min(processed_at)) * 1000 AS first, extract(epoch FROM max(processed_at)) * 1000 AS last
       FROM outbox_event WHERE id > (SELECT max(id) - $1 FROM outbox_event)`, [documents])).rows[0];
  await client.end();
  const refreshed = await refreshAndCount(env('ALIAS'));
  if (refreshed.indexed !== to) throw new Error(`the index holds ${refreshed.indexed} documents, PostgreSQL ${to} with outbox rows`);
  const seconds = (drained - committedAt) / 1000;
  return { phase: 'throughput', documents, seconds: +seconds.toFixed(2), perSecond: Math.round(documents / seconds), refreshMs: refreshed.ms, engine,
    // The first and last batch's transaction start: the indexer's own working time, without the wait for its schedule.
    batchSpanSeconds: +((Number(span.last) - Number(span.first)) / 1000).toFixed(2), ...done() };
}

/** An empty index beside the alias's, of the same settings and mapping (copied from the indexer's): `<alias>-<suffix>`. */
async function scratchIndex(suffix) {
  const alias = env('ALIAS');
  const name = `${alias}-${suffix}`;
  const target = Object.keys(await opensearch('GET', `/${alias}/_alias`))[0];
  const settings = (await opensearch('GET', `/${target}/_settings`))[target].settings.index;
  const mapping = (await opensearch('GET', `/${target}/_mapping`))[target].mappings;
  await send('DELETE', `${env('OPENSEARCH_URL')}/${name}`);
  // The refresh settings too: the indexer sets them (an index without refresh_interval stops refreshing after 30 s
  // without a search; merge_on_flush off: no refresh waits for merges).
  await opensearch('PUT', `/${name}`, { settings: { analysis: settings.analysis, number_of_shards: settings.number_of_shards,
    number_of_replicas: settings.number_of_replicas, refresh_interval: settings.refresh_interval, merge_on_flush: settings.merge_on_flush },
    mappings: mapping });
  return name;
}

/**
 * Before phase (1), untimed: documents like the seed's sent with _bulk into a scratch index, two requests in flight as
 * the indexer sends them, in rounds of 20,000 until at least WARM_DOCUMENTS are in and a round's rate is steady, then
 * deleted. Phase (1) times the indexer first and raw _bulk second; on an
 * OpenSearch just started, the indexer's run was also the one in which OpenSearch compiled its indexing path (0.68 and
 * 0.72 of raw _bulk in the first run after bin/dev-services up, 1.06-1.28 in the runs after it). A warm-up of short
 * documents from a few dozen words, one request at a time, did not do it (0.66-0.95 in first runs): the indexer's rate
 * still climbed for 20 s; 20,000 documents like the seed's did not either (0.70). 60,000 of them seemed to (1.04, 3
 * December), but OpenSearch's rate, read per round, climbs until about 100,000 (2,554 ... 8,176 a second).
 */
async function warmOpenSearch() {
  const scratch = await scratchIndex('warm-up');
  const least = Number(env('WARM_DOCUMENTS', '100000'));
  const most = Number(env('WARM_MAX_DOCUMENTS', '300000'));
  const round = 20000;
  const batch = Number(env('BATCH', '200'));
  const draft = seedLikeDocuments();
  const start = now();
  const rates = [];
  let sent = 0;
  // Rounds of 20,000 until at least WARM_DOCUMENTS are in and the last round's rate is within 10 % of the one before
  // (or WARM_MAX_DOCUMENTS): a freshly started OpenSearch was still getting faster after 60,000 (eighth pass).
  while (sent < most && (sent < least || rates.length < 2 || Math.abs(rates.at(-1) / rates.at(-2) - 1) > 0.1)) {
    const bodies = [];
    for (let from = sent; from < sent + round; from += batch) {
      bodies.push(bulkBody(Array.from({ length: Math.min(batch, sent + round - from) }, (_, k) => {
        const i = from + k, id = documentId(-1 - i);
        return { id, workspaceId: workspaceId(i % 20), ...draft(i), status: 'ACTIVE', revision: 1,
          updatedAt: new Date().toISOString(), authorId: id };
      })));
    }
    const roundStart = now();
    await bulkAll(scratch, bodies);
    rates.push(Math.round(round / ((now() - roundStart) / 1000)));
    sent += round;
  }
  await send('DELETE', `${env('OPENSEARCH_URL')}/${scratch}`);
  return { phase: 'warm-opensearch', documents: sent, seconds: +((now() - start) / 1000).toFixed(2), roundRates: rates };
}

/**
 * Documents drawn as seed.sql draws them (not the same ones): its vocabulary, read from it, skewed towards its first
 * words by squaring a uniform draw; titles of 3-6 words, contents of 6-16 sentences of 10 words, 0-3 tags.
 */
function seedLikeDocuments() {
  const sql = readFileSync(new URL('./seed.sql', import.meta.url), 'utf8');
  const vocabulary = [...sql.slice(sql.indexOf('string_to_array(')).split("' '))")[0].matchAll(/'([a-z ]+)'/g)]
    .map((m) => m[1]).join('').split(' ').filter(Boolean);
  if (vocabulary.length < 400) throw new Error(`seed.sql's vocabulary not found (${vocabulary.length} words read)`);
  let state = 42;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  const word = () => vocabulary[Math.floor(uniform() ** 2 * vocabulary.length)];
  const words = (n) => Array.from({ length: n }, word);
  const capital = (w) => w[0].toUpperCase() + w.slice(1);
  const tags = ['graph', 'notes', 'howto', 'design', 'ops', 'draft', 'review', 'research', 'meeting', 'idea'];
  return (i) => ({
    title: words(3 + (i % 4)).map(capital).join(' '),
    content: Array.from({ length: 6 + (i % 11) }, () => capital(words(10).join(' ')) + '.').join(' '),
    tags: Array.from({ length: i % 4 }, (_, k) => tags[(i + k * 3) % 10]),
  });
}

/**
 * Both sides of phase (1) are timed to their last document acknowledged (the indexer's outbox drained; the last _bulk
 * answered), then refreshed and counted untimed, the refresh's time reported beside. An explicit refresh right after a
 * load can wait up to 10 s for a merge: OpenSearch merges the segments a refresh writes before opening them
 * (index.merge_on_flush, Lucene's merge on getReader), and that merge runs under the merge scheduler's I/O throttle.
 * Seen on 3 December: that one refresh took 65-193 ms or 4.5-5.9 s from run to run, which made raw _bulk look
 * bimodal (5,300-5,800 or 8,400-9,400 docs/s) while its requests' own time (10.5-13 s for the 100,000) was not.
 * Both indexes have the same settings, so documents become searchable at their scheduled refresh alike.
 */
async function refreshAndCount(index) {
  const start = now();
  await opensearch('POST', `/${index}/_refresh`);
  const ms = Math.round(now() - start);
  return { indexed: (await opensearch('GET', `/${index}/_count`)).count, ms };
}

/**
 * One half of raw _bulk's side of phase (1): the seeded documents FROM to TO, read from PostgreSQL first (not timed), sent
 * straight to OpenSearch in _bulk requests of BATCH, INDEXER_IN_FLIGHT at a time as the indexer sends them, with the
 * same external versions, into `<alias>-raw-bulk`: an index of the same settings and mapping (copied from the
 * indexer's), created by the half that starts at document 1 and deleted by the one that ends at COUNT. The ceiling of
 * what any indexer can do against this cluster.
 */
async function bulk(from, to) {
  const raw = from === 1 ? await scratchIndex('raw-bulk') : `${env('ALIAS')}-raw-bulk`;
  const client = new pg.Client();
  await client.connect();
  // As search-indexer's DocumentRows reads them, in the order the indexer sends them (outbox-rows.sql's): sorted by id
  // they cost OpenSearch about 7 % less (11,200 against 10,400 documents a second, ninth pass).
  const rows = (await client.query(`
      SELECT id::text, workspace_id::text, title, content, tags, CASE WHEN trashed_at IS NOT NULL THEN 'TRASHED' WHEN archived THEN 'ARCHIVED' ELSE 'ACTIVE' END AS status,
             revision, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at, created_by::text
        FROM generate_series($1::int, $2::int) i JOIN document ON document.id = md5('search-doc' || i)::uuid
       ORDER BY i`, [from, to])).rows;
  await client.end();
  if (rows.length !== to - from + 1) throw new Error(`PostgreSQL has ${rows.length} of the seeded documents ${from} to ${to}`);
  const batch = Number(env('BATCH', '200'));
  const bodies = [];
  for (let first = 0; first < rows.length; first += batch) {
    bodies.push(bulkBody(rows.slice(first, first + batch).map((r) => ({ id: r.id, workspaceId: r.workspace_id, title: r.title,
      content: r.content, tags: r.tags, status: r.status, revision: Number(r.revision), updatedAt: r.updated_at, authorId: r.created_by }))));
  }
  const before = await writeStats(raw);
  const done = meter();
  const start = now();
  await bulkAll(raw, bodies);
  const seconds = (now() - start) / 1000;
  const engine = writeShare(before, await writeStats(raw));
  const refreshed = await refreshAndCount(raw);
  if (to === Number(env('COUNT'))) await send('DELETE', `${env('OPENSEARCH_URL')}/${raw}`);
  if (refreshed.indexed !== to) throw new Error(`raw index holds ${refreshed.indexed} of ${to}`);
  return { phase: 'bulk', documents: rows.length, seconds: +seconds.toFixed(2), perSecond: Math.round(rows.length / seconds),
    refreshMs: refreshed.ms, engine, ...done() };
}

/**
 * Phase (1)'s two sides from its halves, run indexer, raw, raw, indexer (ABBA) so that a trend through the phase — a
 * machine slowing down or speeding up, OpenSearch still warming — weighs on both sides alike: each side's documents over
 * the sum of its halves' times; the refresh after each half, the generator's CPU (weighted by time) and its worst lag.
 */
function indexingSides(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return ['throughput', 'bulk'].map((side) => {
    const halves = lines.filter((x) => x.phase === side);
    const seconds = halves.reduce((a, x) => a + x.seconds, 0);
    const documents = halves.reduce((a, x) => a + x.documents, 0);
    return { ...halves.at(-1), phase: side, documents, seconds: +seconds.toFixed(2), perSecond: Math.round(documents / seconds),
      halves: halves.map((x) => x.perSecond), refreshMs: halves.map((x) => x.refreshMs).join(', '),
      engine: { indexUsPerDoc: Math.round(halves.reduce((a, x) => a + x.engine.indexUsPerDoc * x.documents, 0) / documents),
        ...Object.fromEntries(['mergeSeconds', 'mergedDocs', 'refreshSeconds', 'flushSeconds']
          .map((k) => [k, +halves.reduce((a, x) => a + x.engine[k], 0).toFixed(1)])) },
      batchSpanSeconds: side === 'throughput' ? +halves.reduce((a, x) => a + x.batchSpanSeconds, 0).toFixed(2) : undefined,
      generatorCpu: +(halves.reduce((a, x) => a + x.generatorCpu * x.seconds, 0) / seconds).toFixed(1),
      generatorLagP99Ms: Math.max(...halves.map((x) => x.generatorLagP99Ms)) };
  });
}

/**
 * Steady writes: LAG_RATE updateDocument calls a second through knowledge-api (each commits its change and the outbox row
 * together), for LAG_DURATION seconds. A poller asks OpenSearch every 25 ms, in one search, which of the written
 * revisions a search finds; the lag of a write is from the mutation's answer (its commit) to the first poll that finds it.
 */
async function lag() {
  const token = await accessToken();
  const rate = Number(env('LAG_RATE', '20'));
  const duration = Number(env('LAG_DURATION', '30')) * 1000;
  const candidates = [];
  for (let i = 1; candidates.length < 5000; i++) if (i % 23 && i % 37) candidates.push(documentId(i));
  const revisions = new Map();
  const pending = new Map(); // id -> { revision, committed }
  const lags = [];
  const slowest = []; // which writes took longest, and when: a stall shows as a run of neighbours
  let errors = 0;
  let stop = false;
  const done = meter();
  const start = now();
  const poller = (async () => {
    while (!stop || pending.size) {
      await sleep(25);
      if (!pending.size) continue;
      const ids = [...pending.keys()];
      const found = await opensearch('POST', `/${env('ALIAS')}/_search`, { size: ids.length, _source: ['revision'], query: { ids: { values: ids } } });
      const at = now();
      for (const hit of found.hits.hits) {
        const wanted = pending.get(hit._id);
        if (wanted && hit._source.revision >= wanted.revision) {
          lags.push(at - wanted.committed);
          slowest.push({ write: wanted.write, atSeconds: +((wanted.committed - start) / 1000).toFixed(1), lagMs: Math.round(at - wanted.committed) });
          pending.delete(hit._id);
        }
      }
    }
  })();
  let n = 0;
  const writes = [];
  while (now() - start < duration) {
    const due = start + (n * 1000) / rate;
    if (due > now()) await sleep(due - now());
    const id = candidates[n % candidates.length];
    n++;
    const write = n;
    const expected = revisions.get(id) ?? 1;
    writes.push(gql('mutation($id: ID!, $r: Int!, $t: String!) { updateDocument(id: $id, expectedRevision: $r, changes: { title: $t }) { revision } }',
      { id, r: expected, t: `Benchmark write ${n}` }, token)
      .then((data) => {
        const committed = now();
        revisions.set(id, data.updateDocument.revision);
        const earlier = pending.get(id);
        if (earlier) errors++; // a second write to the same document before the first was seen: not measured
        pending.set(id, { revision: data.updateDocument.revision, committed, write });
      })
      .catch((e) => {
        errors++;
        if (errors <= 3) console.error(`lag write: ${e.message.slice(0, 300)}`);
      }));
  }
  await Promise.all(writes);
  const deadline = now() + 60_000;
  while (pending.size && now() < deadline) await sleep(50);
  stop = true;
  const missing = pending.size;
  pending.clear();
  await poller;
  slowest.sort((a, b) => b.lagMs - a.lagMs);
  return { phase: 'lag', writes: n, perSecond: rate, errors, neverSeen: missing, ...percentiles(lags), ...done(), slowest: slowest.slice(0, 5) };
}

/**
 * A closed loop of CONCURRENCY clients (or, with RATE, an open loop at that rate) for WARMUP then DURATION seconds; the
 * latencies of the timed part. The requests are sent by GENERATORS child processes (at most one per client of a closed
 * loop) on one shared clock, so that a pause of one generator (its garbage collection, a long turn of its event loop)
 * delays only its share of the requests in flight. The row's generator CPU is the processes' sum, its loop lag the worst
 * process's. The default is one: on this 2-core machine every further process cost more CPU than its pauses had cost
 * (3 December, suggestions through knowledge-api: at 200/s one process 11-14 % of a core, p99 13.9-15.9 ms; four
 * 18-30 %, p99 16.6-20.6 ms; 4 clients in a closed loop, one process 704-816/s at 20-22 %, four 584-732/s at 40-45 %).
 */
async function latency(kind) {
  const rate = Number(env('RATE', '0'));
  const concurrency = Number(env('CONCURRENCY', '4'));
  const generators = Number(env('GENERATORS', '1'));
  const parts = rate > 0 ? generators : Math.min(generators, concurrency);
  const token = kind.startsWith('kapi') ? await accessToken() : '';
  const startAt = now() + 1000; // time for the processes to start
  // OpenSearch's own account of the timed part, from the index's statistics: the engine's share of a request.
  const engine = kind.startsWith('pg') ? null
    : sleep(startAt + Number(env('WARMUP', '5')) * 1000 - now()).then(() => engineStats());
  const results = await Promise.all(Array.from({ length: parts }, (_, part) => new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['latency-part', kind], {
      env: { ...process.env, PART: String(part), PARTS: String(parts), START_AT: String(startAt), TOKEN: token } });
    let result;
    child.on('message', (message) => { result = message; });
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`${kind}: generator ${part} exited with ${code}`))));
  })));
  const duration = Number(env('DURATION', '20')) * 1000;
  const times = results.flatMap((r) => r.times);
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  const cpu = results.reduce((sum, r) => sum + r.generatorCpu, 0);
  return { phase: kind + env('PHASE_SUFFIX', ''), concurrency: rate > 0 ? null : concurrency, rate: rate || null, generators: parts,
    perSecond: Math.round(times.length / (duration / 1000)), errors, ...percentiles(times),
    ...(engine ? { engine: engineShare(await engine, await engineStats(), times.length) } : {}),
    generatorCpu: +cpu.toFixed(1), generatorLagP99Ms: Math.max(...results.map((r) => r.generatorLagP99Ms)) };
}

/** The documents index's search counters, its segments and merges, summed over its shards (primaries and replicas). */
async function engineStats() {
  const all = (await opensearch('GET', `/${env('ALIAS')}/_stats/search,segments,merge`))._all.total;
  return { queries: all.search.query_total, queryMs: all.search.query_time_in_millis, fetchMs: all.search.fetch_time_in_millis,
    segments: all.segments.count, merging: all.merges.current };
}

/** Per request answered: OpenSearch's shard queries and its time in them (query and fetch phases), and its segments. */
function engineShare(before, after, requests) {
  const queries = after.queries - before.queries;
  return { queriesPerRequest: +(queries / Math.max(1, requests)).toFixed(2),
    msPerQuery: +((after.queryMs - before.queryMs + after.fetchMs - before.fetchMs) / Math.max(1, queries)).toFixed(2),
    segments: after.segments, merging: Math.max(before.merging, after.merging) };
}

/**
 * The machine's speed, for reading runs against each other: a fixed single-threaded piece of work (JSON written and
 * read, an array sorted, strings hashed into a map), the median of 5 tries, run at the start and at the end of a run
 * while nothing of the bench is busy. On this shared 2-core machine the same run's numbers moved by half from one hour
 * to the next (OpenSearch's own time per suggestion 0.76 ms at 16:40, 1.09 ms at 17:20 on 4 December).
 */
function calibrate() {
  const once = () => {
    const start = performance.now();
    const rows = Array.from({ length: 20000 }, (_, i) => ({ id: i, title: `document ${i * 7919 % 10007}`, words: [i % 13, i % 17, i % 19] }));
    const back = JSON.parse(JSON.stringify(rows));
    back.sort((a, b) => a.title.localeCompare(b.title));
    const counts = new Map();
    for (const row of back) for (const word of row.title.split(' ')) counts.set(word, (counts.get(word) ?? 0) + 1);
    return performance.now() - start;
  };
  once();
  const times = Array.from({ length: 5 }, once).sort((a, b) => a - b);
  return { phase: 'calibrate', ms: +times[2].toFixed(1) };
}

/**
 * Until OpenSearch has no merge running (at most 120 s): phase (1) leaves it merging the segments of 200,000 documents
 * just written, work that a steady state does not have and that would land in the timings after it.
 */
async function settle() {
  const start = now();
  const merging = async () => Object.values((await opensearch('GET', '/_nodes/stats/indices/merge')).nodes)
    .reduce((sum, node) => sum + node.indices.merges.current, 0);
  while ((await merging()) > 0 && now() - start < 120_000) await sleep(250);
  return { phase: 'settle', seconds: +((now() - start) / 1000).toFixed(1), merging: await merging() };
}

/**
 * Before a closed-loop latency row, untimed: the same requests from the same clients in rounds of WARM_ROUND seconds
 * (10) for at least WARM_LATENCY_MIN seconds (90) and until the last three rounds' rates are within 10 % of each other
 * (or WARM_LATENCY_MAX seconds, 240, have passed). A knowledge-api just started compiles its request path for a
 * minute or more on these 2 cores, and its compiler threads take 30-50 % of a core meanwhile: one fresh knowledge-api
 * answered 4 clients' searches at 68, 113, 140, 159, 177, 213, 199, 209 a second in its first eight rounds of 10 s
 * (4 December). A fixed warm-up of 30 s had left the timed part in the climb, so the 4-client rows came out anywhere
 * from 95 to 200 a second. Steadiness alone stopped on a pause of the climb (81, 109, 110, 110 a second, then 126
 * timed), hence the minimum. PostgreSQL's rows are warmed the same way (its caches).
 */
async function warmLatency(kind) {
  const round = Number(env('WARM_ROUND', '10'));
  const least = Number(env('WARM_LATENCY_MIN', '90')) * 1000;
  const most = Number(env('WARM_LATENCY_MAX', '240')) * 1000;
  Object.assign(process.env, { WARMUP: '0', DURATION: String(round), RATE: '0' });
  const start = now();
  const rates = [];
  const steady = () => rates.length >= 3 && Math.min(...rates.slice(-3)) >= 0.9 * Math.max(...rates.slice(-3));
  while ((now() - start < least || !steady()) && now() - start < most) rates.push((await latency(kind)).perSecond);
  return { phase: `warm-${kind}`, seconds: Math.round((now() - start) / 1000), steady: steady(), roundRates: rates };
}

/**
 * One generator of a latency run (a child process of latency()): PART of PARTS. In an open loop it sends the requests
 * whose number modulo PARTS is PART, each at its time on the shared schedule from START_AT; in a closed loop its share
 * of the CONCURRENCY clients. Sends its latencies to the parent.
 */
async function latencyPart(kind) {
  const part = Number(env('PART')), parts = Number(env('PARTS'));
  const rate = Number(env('RATE', '0'));
  const total = Number(env('CONCURRENCY', '4'));
  const concurrency = Math.floor(total / parts) + (part < total % parts ? 1 : 0);
  const warmup = Number(env('WARMUP', '5')) * 1000;
  const duration = Number(env('DURATION', '20')) * 1000;
  const token = env('TOKEN');
  const db = kind.startsWith('pg') ? new pg.Pool({ max: concurrency + 2 }) : null;
  const one = {
    'kapi-search': (q) => gql('query($q: String!) { searchDocuments(query: $q, first: 20) { totalCount edges { highlights { title content } node { id title } } } }',
      { q }, token),
    'kapi-suggest': (q) => gql('query($p: String!) { suggestDocumentTitles(prefix: $p, first: 8) { documentId highlightedTitle } }', { p: q }, token),
    // Outline's search: websearch_to_tsquery, ts_rank over a weighted tsvector (title A, content B) with a GIN index,
    // ts_headline for the snippets of the page, and the total count; the caller's workspaces, active documents only.
    'pg-search': async (q) => {
      const page = db.query(`
          SELECT id, title, ts_headline('english', content, query, 'MaxFragments=3, MaxWords=25, MinWords=10') AS context
            FROM (SELECT id, title, content, query, ts_rank(search_vector, query) AS rank
                    FROM document, websearch_to_tsquery('english', $1) query
                   WHERE search_vector @@ query AND workspace_id = ANY($2::uuid[]) AND trashed_at IS NULL AND NOT archived
                   ORDER BY rank DESC, id LIMIT 20) top
           ORDER BY rank DESC, id`, [q, WORKSPACES]);
      const total = db.query(`
          SELECT count(*) FROM document, websearch_to_tsquery('english', $1) query
           WHERE search_vector @@ query AND workspace_id = ANY($2::uuid[]) AND trashed_at IS NULL AND NOT archived`, [q, WORKSPACES]);
      return Promise.all([page, total]);
    },
    // The suggestion query knowledge-api sends (search/DocumentSearch.suggest on an index with edge n-grams), straight to
    // OpenSearch: the engine's own time, without knowledge-api, GraphQL or the caller's sign-in in front of it.
    'os-suggest': (q) => opensearch('POST', `/${env('ALIAS')}/_search`, {
      size: 8, track_total_hits: false, _source: { includes: ['title', 'workspaceId'] },
      query: { bool: {
        must: [{ match: { 'title.suggest': { query: q, operator: 'and' } } }],
        filter: [{ terms: { workspaceId: WORKSPACES } }, { term: { status: 'ACTIVE' } }] } } }),
    // Title completion in PostgreSQL: a prefix tsquery (last word :*) on the unstemmed title ('simple'), GIN index.
    'pg-suggest': (q) => {
      const words = q.toLowerCase().split(/\s+/).filter(Boolean).map((w) => w.replace(/[^a-z0-9]/g, '')).filter(Boolean);
      const tsquery = words.map((w) => `${w}:*`).join(' & ');
      return db.query(`
          SELECT id, title FROM document
           WHERE to_tsvector('simple', title) @@ to_tsquery('simple', $1) AND workspace_id = ANY($2::uuid[]) AND trashed_at IS NULL AND NOT archived
           LIMIT 8`, [tsquery, WORKSPACES]);
    },
  }[kind];
  if (!one) throw new Error(`unknown latency kind ${kind}`);
  const queries = kind.endsWith('suggest') ? SUGGESTS : SEARCHES;
  const times = [];
  let errors = 0;
  let measuring = false;
  let done;
  const start = Number(env('START_AT'));
  const end = start + warmup + duration;
  if (start > now()) await sleep(start - now());
  setTimeout(() => { measuring = true; done = meter(); }, start + warmup - now());
  if (rate > 0) {
    // Open loop: requests start on a fixed schedule whether or not earlier ones have answered, and each latency runs
    // from its scheduled start (a late start is the server's queue, not a pause of the measurement).
    const inFlight = [];
    for (let i = part; ; i += parts) {
      const due = start + (i * 1000) / rate;
      if (due >= end) break;
      if (due > now()) await sleep(due - now());
      const measured = due >= start + warmup;
      inFlight.push(one(queries[i % queries.length]).then(
        () => { if (measured) times.push(now() - due); },
        (e) => { errors++; if (errors === 1) console.error(`${kind}: ${e.message}`); }));
    }
    await Promise.all(inFlight);
  } else await Promise.all(Array.from({ length: concurrency }, async (_, client) => {
    const stride = total, first = part + client * parts;
    for (let i = first; now() < end; i += stride) {
      const t = performance.now();
      try {
        await one(queries[i % queries.length]);
        if (measuring) times.push(performance.now() - t);
      } catch (e) {
        errors++;
        if (errors === 1) console.error(`${kind}: ${e.message}`);
      }
    }
  }));
  const own = done();
  if (db) await db.end();
  return { times, errors, ...own };
}

const [command, arg] = process.argv.slice(2);
const result = {
  register: () => register(),
  throughput: () => throughput(Number(arg), Number(process.argv[4]), Number(process.argv[5])),
  bulk: () => bulk(Number(arg), Number(process.argv[4])),
  'indexing-sides': () => indexingSides(arg).map((x) => JSON.stringify(x)).join('\n'),
  warm: () => warmOpenSearch(),
  lag: () => lag(),
  latency: () => latency(arg),
  'warm-latency': () => warmLatency(arg),
  settle: () => settle(),
  calibrate: () => calibrate(),
  // The IPC channel would keep the process alive: it leaves once its latencies are sent.
  'latency-part': async () => { const part = await latencyPart(arg); process.send(part, () => process.exit(0)); return null; },
}[command];
if (!result) {
  console.error('usage: node load.mjs register|throughput <committedAtMs> <from> <to>|bulk <from> <to>|indexing-sides <results.jsonl>|warm|lag|latency <kind>|warm-latency <kind>|settle|calibrate');
  process.exit(2);
}
const out = await result();
if (out !== null) console.log(typeof out === 'string' ? out : JSON.stringify(out));
