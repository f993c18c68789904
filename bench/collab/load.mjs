// bench/collab load generator: one program for both servers. Forks WORKERS processes (worker.mjs) that share
// the CLIENTS editing clients; each step every client sends edits at a fixed rate for STEP_SECONDS, and the
// step's latencies are merged here.
//   node load.mjs edit    — ShareDB and/or collab-websocket (SHAREDB_URL, COLLAB_URL), stepping the rate up
//   node load.mjs idle    — idle authenticated connections to collab-websocket (IDLE_TARGET), heap used after GC
// Every edit inserts an emoji and its send time (µs, base 36) at a random place, deleting as much once the
// document is 2,000 code points long; a client measures send→ack for its own edits and send→arrival for the
// others' (the send time read from the inserted text; all processes share this machine's clock).
import { fork, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const env = (name, fallback) => process.env[name] ?? fallback;
const WORKERS = Number(env('WORKERS', 2));
const CLIENTS = Number(env('CLIENTS', 50));
const STEP_SECONDS = Number(env('STEP_SECONDS', 15));
const WARMUP_SECONDS = Number(env('WARMUP_SECONDS', 60));
const RATES = env('RATES', '250,500,1000,1500,2000,3000,4000,6000,8000').split(',').map(Number);
const HEADLINE_RATE = 500;
const LIMIT_MS = Number(env('LIMIT_MS', 100)); // a step whose p99 send→ack or send→arrival is over this has broken down

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function merge(arrays) {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const all = new Float64Array(total);
  let at = 0;
  for (const a of arrays) { all.set(a, at); at += a.length; }
  return all.sort();
}

/** CPU used by a process (user + system, seconds) from /proc. */
function cpuSeconds(pid) {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

class Workers {
  constructor(count) {
    this.pending = new Map();
    this.nextId = 1;
    this.procs = Array.from({ length: count }, () => {
      const proc = fork(new URL('./worker.mjs', import.meta.url), [], { serialization: 'advanced' });
      proc.on('message', (m) => {
        const waiter = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error) waiter.reject(new Error(m.error)); else waiter.resolve(m.ok);
      });
      return proc;
    });
  }

  ask(proc, message) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      proc.send({ ...message, id });
    });
  }

  all(messageFor) {
    return Promise.all(this.procs.map((proc, i) => this.ask(proc, messageFor(i))));
  }

  stop() { this.procs.forEach((p) => p.kill()); }
}

/** Splits n clients over the workers. */
const share = (n, i) => Math.floor(n / WORKERS) + (i < n % WORKERS ? 1 : 0);

async function step(workers, rate, seconds, serverPid) {
  const startAt = Date.now() + 300;
  const serverCpuBefore = cpuSeconds(serverPid);
  const t0 = Date.now();
  const results = await workers.all(() => ({ cmd: 'run', perClientRate: rate / CLIENTS, durationMs: seconds * 1000, startAt, settleMs: 500 }));
  const serverCpu = ((cpuSeconds(serverPid) - serverCpuBefore) / ((Date.now() - t0) / 1000)) * 100;
  const acks = merge(results.map((r) => r.acks));
  const arrivals = merge(results.map((r) => r.arrivals));
  const submitted = results.reduce((n, r) => n + r.submitted, 0);
  const acked = results.reduce((n, r) => n + r.acked, 0);
  const ackErrors = results.reduce((n, r) => n + r.ackErrors, 0);
  const summary = {
    rate,
    sentPerSecond: submitted / seconds,
    ackedPerSecond: acked / seconds,
    submitted, acked, ackErrors,
    lastError: results.find((r) => r.lastError)?.lastError ?? null,
    ackP50: percentile(acks, 50), ackP99: percentile(acks, 99),
    arrivalP50: percentile(arrivals, 50), arrivalP99: percentile(arrivals, 99),
    arrivals: arrivals.length,
    expectedArrivals: submitted * (CLIENTS - 1),
    serverCpu,
    workers: results.map((r) => ({ cpu: r.cpuPercent, lagP99: r.lagP99, lagMax: r.lagMax, slipMax: r.slipMax })),
  };
  summary.ok = ackErrors === 0 && acked >= 0.99 * submitted && arrivals.length >= 0.99 * summary.expectedArrivals
    && summary.ackP99 <= LIMIT_MS && summary.arrivalP99 <= LIMIT_MS;
  return summary;
}

const f = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-');

function printStep(name, s) {
  const workers = s.workers.map((w, i) => `w${i} cpu ${f(w.cpu, 0)}% lag p99 ${f(w.lagP99)} max ${f(w.lagMax)} ms`).join('; ');
  console.log(`  ${name.padEnd(15)} ${String(s.rate).padStart(6)} ops/s offered  ${f(s.sentPerSecond, 0).padStart(6)} sent  ${f(s.ackedPerSecond, 0).padStart(6)} acked/s`
    + `  ack p50 ${f(s.ackP50, 2).padStart(7)} p99 ${f(s.ackP99, 2).padStart(8)}  arrival p50 ${f(s.arrivalP50, 2).padStart(7)} p99 ${f(s.arrivalP99, 2).padStart(8)} ms`
    + `  server cpu ${f(s.serverCpu, 0)}%  ${s.ok ? 'ok' : 'BROKEN DOWN'}${s.ackErrors ? ` (${s.ackErrors} refused: ${s.lastError})` : ''}`);
  console.log(`  ${''.padEnd(15)} generator: ${workers}`);
}

async function checkConvergence(workers) {
  const texts = (await workers.all(() => ({ cmd: 'texts' }))).flat();
  const distinct = new Set(texts.map((t) => t.text));
  return { clients: texts.length, distinct: distinct.size, length: texts[0]?.text.length ?? 0 };
}

async function benchOne(target) {
  const workers = new Workers(WORKERS);
  try {
    const connected = await workers.all((i) => ({
      cmd: 'connect', kind: target.kind, url: target.url, docIds: [target.docId], tokens: target.tokens,
      clients: share(CLIENTS, i), collection: 'bench',
    }));
    const made = connected.reduce((n, c) => n + c.connected, 0);
    if (made !== CLIENTS) throw new Error(`${target.name}: ${made} of ${CLIENTS} clients joined (${connected.find((c) => c.firstFailure)?.firstFailure})`);
    console.log(`${target.name}: ${CLIENTS} clients on one document, ${WORKERS} generator processes; warm-up ${WARMUP_SECONDS} s at ${RATES[0]} ops/s (not counted)`);
    printStep('warm-up', await step(workers, RATES[0], WARMUP_SECONDS, target.pid));
    const steps = [];
    for (const rate of RATES) {
      const s = await step(workers, rate, STEP_SECONDS, target.pid);
      printStep('step', s);
      steps.push(s);
      if (!s.ok && rate > HEADLINE_RATE) break; // bounded: stop stepping once it has broken down (500 ops/s always runs)
    }
    const convergence = await checkConvergence(workers);
    console.log(`  converged: ${convergence.distinct === 1 ? 'yes' : 'NO'}: ${convergence.clients} clients, ${convergence.distinct} distinct text(s), ${convergence.length} UTF-16 units`);
    await workers.all(() => ({ cmd: 'close' }));
    let sustained = null;
    for (const s of steps) { if (s.ok) sustained = s; else break; }
    return { target, steps, sustained, headline: steps.find((s) => s.rate === HEADLINE_RATE), convergence };
  } finally {
    workers.stop();
  }
}

function table(results) {
  console.log('');
  console.log(`collab: ${CLIENTS} clients editing one document, ${WORKERS} load-generator processes, steps of ${STEP_SECONDS} s; a step breaks down when p99 send→ack or send→arrival > ${LIMIT_MS} ms or < 99% is acknowledged/delivered`);
  console.log(`${'server'.padEnd(18)} ${'sustained ops/s'.padStart(16)} ${'ack p50'.padStart(9)} ${'ack p99'.padStart(9)} ${'arrival p50'.padStart(12)} ${'arrival p99'.padStart(12)}   (ms, at ${HEADLINE_RATE} ops/s x ${CLIENTS} clients)   converged`);
  for (const r of results) {
    const h = r.headline ?? {};
    const sustained = r.sustained ? `${f(r.sustained.ackedPerSecond, 0)}` : `< ${RATES[0]}`;
    console.log(`${r.target.name.padEnd(18)} ${sustained.padStart(16)} ${f(h.ackP50, 2).padStart(9)} ${f(h.ackP99, 2).padStart(9)} ${f(h.arrivalP50, 2).padStart(12)} ${f(h.arrivalP99, 2).padStart(12)}   ${''.padEnd(38)}${r.convergence.distinct === 1 ? 'yes' : 'NO'}`);
  }
  const ours = results.find((r) => r.target.kind === 'collab');
  const peer = results.find((r) => r.target.kind === 'sharedb');
  if (ours && peer && ours.headline && peer.headline) {
    const ratio = (a, b) => f(a / b, 2);
    console.log(`ratio collab-websocket/ShareDB: sustained ${ours.sustained && peer.sustained ? ratio(ours.sustained.ackedPerSecond, peer.sustained.ackedPerSecond) : '-'}`
      + `, ack p50 ${ratio(ours.headline.ackP50, peer.headline.ackP50)}, ack p99 ${ratio(ours.headline.ackP99, peer.headline.ackP99)}`
      + `, arrival p50 ${ratio(ours.headline.arrivalP50, peer.headline.arrivalP50)}, arrival p99 ${ratio(ours.headline.arrivalP99, peer.headline.arrivalP99)} (latency: lower is better)`);
  }
  console.log(`targets: collab-websocket sustained >= ShareDB's; its p99 send→arrival < 50 ms at ${HEADLINE_RATE} ops/s x ${CLIENTS} clients`);
}

async function edit() {
  const targets = [];
  if (process.env.SHAREDB_URL) {
    targets.push({ name: 'ShareDB 7', kind: 'sharedb', url: process.env.SHAREDB_URL, docId: process.env.SHAREDB_DOC, pid: Number(process.env.SHAREDB_PID) });
  }
  if (process.env.COLLAB_URL) {
    targets.push({
      name: 'collab-websocket', kind: 'collab', url: process.env.COLLAB_URL, docId: process.env.COLLAB_DOC,
      tokens: process.env.COLLAB_TOKENS.split(','), pid: Number(process.env.COLLAB_PID),
    });
  }
  if (targets.length === 0) throw new Error('set SHAREDB_URL and/or COLLAB_URL');
  const results = [];
  for (const target of targets) results.push(await benchOne(target));
  table(results);
}

/** Heap used after a full GC, from the JVM itself (jcmd). */
function heapAfterGc(pid) {
  const jcmd = `${process.env.JAVA_HOME}/bin/jcmd`;
  execFileSync(jcmd, [String(pid), 'GC.run'], { stdio: 'ignore' });
  const info = execFileSync(jcmd, [String(pid), 'GC.heap_info'], { encoding: 'utf8' });
  const used = /used (\d+)K/.exec(info);
  return used ? Number(used[1]) * 1024 : NaN;
}

async function idle() {
  const target = Number(env('IDLE_TARGET', 10000));
  const batch = Number(env('IDLE_BATCH', 1000));
  const docIds = process.env.COLLAB_DOCS.split(',');
  const tokens = process.env.COLLAB_TOKENS.split(',');
  const pid = Number(process.env.COLLAB_PID);
  const workers = new Workers(WORKERS);
  try {
    const baseline = heapAfterGc(pid);
    console.log(`idle connections: collab-websocket -Xmx1g, ${docIds.length} documents; heap used after GC with none: ${f(baseline / 2 ** 20)} MiB`);
    let held = 0;
    let failedTotal = 0;
    let heap = baseline;
    for (let attempted = 0; attempted < target;) {
      const n = Math.min(batch, target - attempted);
      attempted += n;
      const answers = await workers.all((i) => ({
        cmd: 'connect', kind: 'collab', url: process.env.COLLAB_URL, docIds, tokens, clients: share(n, i), idle: true, concurrency: 20,
      }));
      const made = answers.reduce((sum, a) => sum + a.connected, 0);
      held += made;
      failedTotal += n - made;
      heap = heapAfterGc(pid);
      console.log(`  ${String(held).padStart(6)} connections joined, heap used after GC ${f(heap / 2 ** 20)} MiB`
        + `${made < n ? `; ${n - made} failed: ${answers.find((a) => a.firstFailure)?.firstFailure}` : ''}`);
      if (made < n / 2) break; // a refused join now and then (retried 5 times) is not the limit; most of a batch is
    }
    await sleep(2000);
    const perConnection = (heap - baseline) / held;
    console.log(`idle: ${held} authenticated connections held (target 10,000; ${failedTotal} joins refused); heap used after GC ${f(heap / 2 ** 20)} MiB of 1024;`
      + ` ${f(perConnection / 1024)} KiB per connection → about ${f((1024 * 2 ** 20 - baseline) / perConnection / 1000, 0)}k within 1 GiB`);
    await workers.all(() => ({ cmd: 'close' }));
  } finally {
    workers.stop();
  }
}

const command = process.argv[2];
if (command === 'edit') await edit();
else if (command === 'idle') await idle();
else { console.error('usage: node load.mjs edit|idle'); process.exit(2); }
