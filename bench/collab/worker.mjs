// One load-generator process (forked by load.mjs): drives its share of the editing clients and reports, per
// step, the latencies it saw, how much CPU it used and how late its event loop ran (a late loop delays both
// sending and receiving, so a busy generator shows here rather than as the server's latency).
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { ShareDbEditor, CollabEditor } from './clients.mjs';

const now = () => performance.timeOrigin + performance.now(); // ms since the epoch, sub-ms; comparable across processes
const TAG = /\[([0-9a-z]{8,12})\]/g;
const MAX_DOC = 2000; // code points: past this every edit also deletes, so the document stays about this long

let editors = [];
let step = null; // the running step's counters
let stepStart = Infinity;
// The histogram holds whole timer intervals (resolution included): an idle loop reads 5 ms, hence lagMs().
const LAG_RESOLUTION_MS = 5;
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
const lagMs = (ns) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);

function newStep(startAt) {
  return { startAt, acks: [], arrivals: [], submitted: 0, acked: 0, ackErrors: 0, lastError: null, slipMax: 0, lastMessageAt: now() };
}

function onAck(error, sentAts) {
  if (!step) return;
  const t = now();
  step.lastMessageAt = t;
  if (error) {
    step.ackErrors += sentAts.length;
    step.lastError = String(error.message ?? error);
    return;
  }
  for (const sentAt of sentAts) {
    if (sentAt >= stepStart) {
      step.acks.push(t - sentAt);
      step.acked++;
    }
  }
}

function onRemote(op) {
  if (!step) return;
  const t = now();
  step.lastMessageAt = t;
  for (const c of op) {
    if (typeof c !== 'string') continue;
    for (const match of c.matchAll(TAG)) {
      const sentAt = parseInt(match[1], 36) / 1000;
      if (sentAt >= stepStart) step.arrivals.push(t - sentAt);
    }
  }
}

function edit(editor) {
  const t = now();
  const tag = `\u{1F600}[${Math.round(t * 1000).toString(36)}]`; // an astral character and the send time (µs)
  const length = editor.textLength();
  const at = Math.floor(Math.random() * (length + 1));
  const op = at > 0 ? [at] : [];
  if (length > MAX_DOC && at < length) op.push({ d: Math.min(28, length - at) }); // twice what it inserts: back to MAX_DOC soon after an overshoot
  op.push(tag);
  editor.submit(op, t);
  step.submitted++;
}

async function connect({ kind, url, docIds, tokens, clients, collection, idle, concurrency = 100 }) {
  const made = [];
  let next = 0;
  let failed = 0;
  let firstFailure = null;
  const one = async (i) => {
    const docId = docIds[i % docIds.length];
    const editor = kind === 'sharedb'
      ? new ShareDbEditor(url, collection, docId, onRemote, onAck)
      : new CollabEditor(`${url}/collab/${docId}`, tokens[i % tokens.length], onRemote, onAck, `bench ${process.pid}/${i}`);
    for (let attempt = 1; ; attempt++) {
      try {
        await editor.connect({ idle });
        made.push(editor);
        return;
      } catch (e) {
        // "temporarily unavailable" (4503) asks the client to retry with backoff, as a real client would.
        if (attempt < 5 && / 4503 /.test(String(e.message))) {
          await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
          continue;
        }
        failed++;
        firstFailure ??= String(e.message ?? e);
        return;
      }
    }
  };
  const lanes = Array.from({ length: Math.min(concurrency, clients) }, async () => {
    while (next < clients) await one(next++);
  });
  await Promise.all(lanes);
  editors.push(...made);
  return { connected: made.length, failed, firstFailure };
}

async function run({ perClientRate, durationMs, startAt, settleMs }) {
  step = newStep(startAt);
  stepStart = startAt;
  const interval = 1000 / perClientRate;
  const end = startAt + durationMs;
  lag.reset();
  const cpuBefore = process.cpuUsage();
  const wallBefore = now();
  await Promise.all(editors.map((editor) => new Promise((resolve) => {
    let due = startAt + Math.random() * interval; // spread the clients over one interval
    const tick = () => {
      let t = now();
      while (due <= t && due < end) {
        step.slipMax = Math.max(step.slipMax, t - due);
        edit(editor);
        due += interval;
        t = now();
      }
      if (due >= end) { resolve(); return; }
      setTimeout(tick, Math.max(0, due - now()));
    };
    setTimeout(tick, Math.max(0, due - now()));
  })));
  // Wait for the last acknowledgements and arrivals: until nothing has come for settleMs, at most 10 s.
  const deadline = now() + 10_000;
  await new Promise((resolve) => {
    const check = () => {
      const t = now();
      if ((step.acked + step.ackErrors >= step.submitted && t - step.lastMessageAt >= settleMs) || t >= deadline) resolve();
      else setTimeout(check, 50);
    };
    check();
  });
  const cpu = process.cpuUsage(cpuBefore);
  const wall = now() - wallBefore;
  const result = {
    submitted: step.submitted,
    acked: step.acked,
    ackErrors: step.ackErrors,
    lastError: step.lastError ?? editors.find((e) => e.lastError)?.lastError ?? null,
    acks: Float64Array.from(step.acks),
    arrivals: Float64Array.from(step.arrivals),
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
    lagP50: lagMs(lag.percentile(50)),
    lagP99: lagMs(lag.percentile(99)),
    lagMax: lagMs(lag.max),
    slipMax: step.slipMax,
  };
  step = null;
  return result;
}

function texts() {
  return editors.map((e) => ({ text: e.text(), version: e.version() }));
}

lag.enable();
process.on('message', async (message) => {
  try {
    let answer;
    switch (message.cmd) {
      case 'connect': answer = await connect(message); break;
      case 'run': answer = await run(message); break;
      case 'texts': answer = texts(); break;
      case 'close':
        editors.forEach((e) => e.close());
        editors = [];
        answer = { closed: true };
        break;
      default: throw new Error(`unknown command ${message.cmd}`);
    }
    process.send({ id: message.id, ok: answer });
  } catch (e) {
    process.send({ id: message.id, error: String(e.stack ?? e) });
  }
});
