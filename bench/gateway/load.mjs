// bench/gateway load generator: one process, no dependencies (node:http with a keep-alive agent).
// For each target in TARGETS (name=url,...), POSTs the same tiny GraphQL query ({ __typename }) and measures:
//   - an open loop at RATE requests/s over CONNECTIONS sockets for DURATION s, latency counted from when each
//     request was due (queueing counts, as in wrk2): p50, p99, max;
//   - a closed loop (CONNECTIONS requests in flight, back to back) for DURATION s: the peak requests/s.
// The generator's own CPU (user+system over wall time, 100 % = one core) and event-loop lag (p99) are reported
// for each phase, so a saturated generator is visible. Prints one JSON line per target.
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const RATE = Number(process.env.RATE ?? 500);
const DURATION = Number(process.env.DURATION ?? 15);
const WARMUP = Number(process.env.WARMUP ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const TARGETS = (process.env.TARGETS ?? '').split(',').filter(Boolean).map((t) => {
  const [name, url] = t.split('=');
  return { name, url: new URL(url) };
});
const BODY = JSON.stringify({ query: '{ __typename }' });

function send(agent, url) {
  return new Promise((resolve) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BODY) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(res.statusCode === 200 && body.includes('"__typename":"Query"')));
    });
    req.on('error', () => resolve(false));
    req.end(BODY);
  });
}

function quantile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

function meter() {
  // The histogram holds whole timer intervals (an idle loop reads the resolution): the lag is what is beyond it.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  return () => {
    lag.disable();
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - start;
    return { cpu: (used.user + used.system) / 1000 / wall, lagP99: Math.max(0, lag.percentile(99) / 1e6 - 10) };
  };
}

async function closedLoop(agent, url, seconds) {
  const until = performance.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const stop = meter();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < until) {
      (await send(agent, url)) ? ok++ : failed++;
    }
  }));
  const m = stop();
  return { rps: ok / seconds, failed, ...m };
}

async function openLoop(agent, url, rate, seconds) {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies = [];
  let failed = 0;
  let inFlight = 0;
  const start = performance.now();
  const stop = meter();
  await new Promise((resolve) => {
    let sent = 0;
    let done = 0;
    const tick = () => {
      const now = performance.now();
      // Every request that is due by now goes out now; its latency counts from when it was due.
      while (sent < total && start + sent * interval <= now) {
        const due = start + sent * interval;
        sent++;
        inFlight++;
        send(agent, url).then((ok) => {
          inFlight--;
          ok ? latencies.push(performance.now() - due) : failed++;
          if (++done === total) resolve();
        });
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
  });
  const m = stop();
  latencies.sort((a, b) => a - b);
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies[latencies.length - 1],
    achieved: latencies.length / seconds, failed, ...m };
}

for (const target of TARGETS) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const check = await send(agent, target.url);
  if (!check) {
    console.log(JSON.stringify({ name: target.name, error: `${target.url} does not answer { __typename }` }));
    continue;
  }
  await closedLoop(agent, target.url, WARMUP);
  const open = await openLoop(agent, target.url, RATE, DURATION);
  const peak = await closedLoop(agent, target.url, DURATION);
  console.log(JSON.stringify({ name: target.name, rate: RATE, open, peak }));
  agent.destroy();
}
