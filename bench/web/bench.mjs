// bench/web: the web app's figures (issue 17). Run by ./run; see README.md.
//  1. first-load JavaScript per route, from the build manifests (gzip, as a browser downloads it);
//  2. time to first edit on a cold load: a fresh browser context (empty cache) opens a document until the
//     editor holds the text and may be typed in;
//  3. keystroke -> remote render: page A inserts a marker through its editor, page B's DOM shows it
//     (MutationObserver); both pages read the same machine clock (timeOrigin + now()).
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';

const WEB = new URL('../../web/', import.meta.url).pathname;
const require = createRequire(WEB + 'package.json');
const { chromium } = require('playwright-core');
const BASE = process.env.KN_E2E_BASE_URL || process.env.KN_GATEWAY_URL || 'http://127.0.0.1:8080';
const COLD_RUNS = Number(process.env.COLD_RUNS || 5);
const KEYSTROKES = Number(process.env.KEYSTROKES || 200);
const KEY_INTERVAL_MS = Number(process.env.KEY_INTERVAL_MS || 50);

const pct = (xs, p) => { if (!xs.length) return NaN; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

function firstLoadJs() {
  const dir = `${WEB}.next/`;
  if (!existsSync(`${dir}app-build-manifest.json`)) throw new Error('web is not built: cd web && npm run build');
  const app = JSON.parse(readFileSync(`${dir}app-build-manifest.json`, 'utf8')).pages;
  const build = JSON.parse(readFileSync(`${dir}build-manifest.json`, 'utf8'));
  const root = [...(build.rootMainFiles ?? [])]; // polyfillFiles are nomodule: modern browsers skip them
  const rows = [];
  for (const [page, files] of Object.entries(app)) {
    if (!page.endsWith('/page')) continue;
    const js = [...new Set([...root, ...files, ...(app['/layout'] ?? [])])].filter((f) => f.endsWith('.js'));
    let raw = 0, gz = 0;
    for (const f of js) { const b = readFileSync(dir + f); raw += b.length; gz += gzipSync(b).length; }
    rows.push({ route: page.replace(/\/page$/, '') || '/', files: js.length, raw, gz });
  }
  return rows.sort((a, b) => a.route.localeCompare(b.route));
}

async function gql(query, variables = {}, token) {
  const r = await fetch(`${BASE}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const b = await r.json();
  if (b.errors) throw new Error(JSON.stringify(b.errors));
  return b.data;
}

async function setup() {
  const pw = 'correct horse battery staple';
  const mk = async (n) => { const email = `bench-${n}-${Date.now()}@bench.example.org`; const d = await gql('mutation($e:String!,$p:String!,$n:String!){ register(email:$e,password:$p,displayName:$n){ accessToken } }', { e: email, p: pw, n }); return { email, pw, token: d.register.accessToken }; };
  const a = await mk('A'), b = await mk('B');
  const ws = (await gql('mutation{ createWorkspace(name:"bench web"){ id } }', {}, a.token)).createWorkspace.id;
  await gql('mutation($w:ID!,$e:String!){ addMember(workspaceId:$w,email:$e,role:EDITOR){ role } }', { w: ws, e: b.email }, a.token);
  const doc = (await gql('mutation($in:DocumentInput!){ createDocument(input:$in){ id } }', { in: { workspaceId: ws, title: 'Bench document', content: CONTENT } }, a.token)).createDocument.id;
  return { a, b, doc };
}

async function signedInContext(browser, user) {
  const ctx = await browser.newContext();
  const r = await ctx.request.post(`${BASE}/session/login`, { data: { email: user.email, password: user.pw } });
  if (!(await r.json()).accessToken) throw new Error('bench sign-in failed');
  return ctx;
}

async function openEditor(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('[data-testid=editor][data-ready=true]') && /online/.test(document.querySelector('[data-testid=collab-status]')?.textContent ?? ''), null, { timeout: 60_000 });
}

async function coldLoads(browser, target) {
  const times = [], js = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const ctx = await target.context(browser, 'a');
    const page = await ctx.newPage();
    const bodies = [];
    page.on('response', (r) => { if (r.request().resourceType() === 'script') bodies.push(r.body().then((b) => gzipSync(b).length, () => 0)); });
    await openEditor(page, target.url);
    times.push(await page.evaluate(() => performance.now())); // ms since navigation start
    js.push((await Promise.all(bodies)).reduce((a, b) => a + b, 0));
    await ctx.close();
  }
  return { times, js: Math.max(...js) };
}

async function keystrokes(browser, target) {
  const ca = await target.context(browser, 'a'), cb = await target.context(browser, 'b');
  const a = await ca.newPage(), b = await cb.newPage();
  await openEditor(a, target.url); await openEditor(b, target.url);
  // Typing starts once both pages have loaded (no request for 500 ms), not while the receiver is still rendering
  // the document's details: this row is about live editing; the cold load has its own.
  await Promise.all([a, b].map((p) => p.waitForLoadState('networkidle')));
  // BENCH_DEBUG: the pages' long tasks (main thread busy over 50 ms), to tell a browser's stall from the server's.
  const watchLongTasks = () => { window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(performance.timeOrigin + e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask' }); };
  if (process.env.BENCH_DEBUG) { await a.evaluate(watchLongTasks); await b.evaluate(watchLongTasks); }
  let cdp;
  if (process.env.BENCH_PROFILE && target.name.startsWith('Knowledge')) { cdp = await cb.newCDPSession(b); await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 500 }); await cdp.send('Profiler.start'); }
  await b.evaluate(() => {
    const w = window;
    w.__arrivals = {};
    const content = document.querySelector('.cm-content');
    new MutationObserver(() => {
      const text = w.__knEditor.state.doc.toString();
      for (const m of text.matchAll(/§(\d+)§/g)) if (!(m[1] in w.__arrivals)) w.__arrivals[m[1]] = performance.timeOrigin + performance.now();
    }).observe(content, { childList: true, subtree: true, characterData: true });
  });
  const sent = await a.evaluate(async ({ n, interval }) => {
    const view = window.__knEditor;
    const out = {};
    for (let i = 0; i < n; i++) {
      out[i] = performance.timeOrigin + performance.now();
      view.dispatch({ changes: { from: 0, insert: `§${i}§` }, userEvent: "input.type" }); // at the top: CodeMirror renders only the visible lines
      await new Promise((r) => setTimeout(r, interval));
    }
    return out;
  }, { n: KEYSTROKES, interval: KEY_INTERVAL_MS });
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas; const t0 = profile.startTime;
    let t = t0; const windows = new Map();
    profile.samples.forEach((id, i) => { t += dt[i]; const n = byId.get(id); const f = n.callFrame; const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber}:${f.columnNumber}`; const early = t - t0 < 2500000 ? 'early ' : 'late '; self.set(early + key, (self.get(early + key) || 0) + (dt[i + 1] || 0) / 1000); const w = Math.floor((t - t0) / 250000); if (f.functionName !== '(idle)' && f.functionName !== '(program)') windows.set(w, (windows.get(w) || 0) + (dt[i + 1] || 0) / 1000); });
    console.error('receiver busy ms per 250 ms window:', [...windows].sort((x, y) => x[0] - y[0]).map(([w, ms]) => `${w * 250}:${Math.round(ms)}`).join(' '));
    console.error('receiver self time top:', [...self].sort((x, y) => y[1] - x[1]).slice(0, 40).map(([k, ms]) => `${Math.round(ms)} ms ${k}`).join('\n  '));
  }
  await b.waitForFunction((n) => Object.keys(window.__arrivals).length >= n, KEYSTROKES, { timeout: 60_000 }).catch(() => undefined);
  const arrivals = await b.evaluate(() => window.__arrivals);
  if (process.env.BENCH_DEBUG) console.error('debug', target.name, Object.keys(arrivals).length, await a.evaluate(() => window.__knEditor.state.doc.length), await b.evaluate(() => window.__knEditor.state.doc.length));
  const lat = Object.entries(sent).filter(([k]) => k in arrivals).map(([k, t]) => arrivals[k] - t);
  // BENCH_DEBUG: the slowest keystrokes and when they were sent (ms from the first), to tell a periodic stall
  // (a save, a poll, a pause) from a steady cost.
  if (process.env.BENCH_DEBUG) console.error('slowest', target.name, Object.entries(sent).filter(([k]) => k in arrivals)
    .map(([k, t]) => [Math.round(t - sent[0]), Math.round(arrivals[k] - t)]).sort((x, y) => y[1] - x[1]).slice(0, 10).map(([at, ms]) => `${ms} ms at +${at}`).join(', '));
  if (process.env.BENCH_DEBUG) {
    const rel = (l) => l.map(([at, ms]) => `${ms} ms at +${at - Math.round(sent[0])}`).join(', ') || 'none';
    console.error('first keystroke at', new Date(sent[0]).toISOString());
    console.error('long tasks, sender', rel(await a.evaluate(() => window.__long)));
    console.error('long tasks, receiver', rel(await b.evaluate(() => window.__long)));
  }
  await ca.close(); await cb.close();
  return { lat, lost: KEYSTROKES - lat.length };
}

const js = firstLoadJs();
console.log('\nFirst-load JavaScript per route (from .next/app-build-manifest.json; gzip = what a browser downloads)');
console.log('| route | files | raw | gzip |\n|---|---|---|---|');
for (const r of js) console.log(`| ${r.route} | ${r.files} | ${kb(r.raw)} | ${kb(r.gz)} |`);

const CONTENT = Array.from({ length: 200 }, (_, i) => `Line ${i}: the quick brown fox jumps over the lazy dog 😀 [[Note ${i % 10}]]`).join('\n');

async function peerTarget(browser) {
  const { spawn } = await import('node:child_process');
  const started = (cmd, args, env) => new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (d) => { const m = /ready (\d+)/.exec(String(d)); if (m) resolve({ p, port: Number(m[1]) }); });
    p.on('exit', (c) => reject(new Error(`${args[0]} exited ${c}`)));
  });
  const share = await started('node', [new URL('../collab/sharedb-server.mjs', import.meta.url).pathname], { PORT: '0' });
  const page = await started('node', [new URL('./peer/serve.mjs', import.meta.url).pathname], { PORT: '0' });
  process.on('exit', () => { share.p.kill(); page.p.kill(); });
  const id = `bench${Date.now()}`;
  await fetch(`http://127.0.0.1:${share.port}/create/${id}`, { method: 'POST' });
  const url = `http://127.0.0.1:${page.port}/?ws=${encodeURIComponent(`ws://127.0.0.1:${share.port}`)}&doc=${id}`;
  const seed = await browser.newContext(); const sp = await seed.newPage();
  await openEditor(sp, url);
  await sp.evaluate((text) => window.__knEditor.dispatch({ changes: { from: 0, insert: text } }), CONTENT);
  await sp.waitForTimeout(1500); await seed.close();
  return { name: 'ShareDB 7 + CodeMirror 6 (peer)', url, context: (b) => b.newContext(), stop: () => { share.p.kill(); page.p.kill(); } };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
const users = await setup();
const targets = [
  { name: 'Knowledge Network web (Next.js + collab-websocket)', url: `${BASE}/doc?id=${users.doc}`, context: (b, who) => signedInContext(b, users[who]), stop: () => {} },
  await peerTarget(browser),
];
const results = [];
for (const t of targets) {
  const cpu0 = process.cpuUsage(); const t0 = Date.now();
  const cold = await coldLoads(browser, t);
  const keys = await keystrokes(browser, t);
  const cpu1 = process.cpuUsage(cpu0); const wall = Date.now() - t0;
  results.push({ t, cold, keys, cpu: ((cpu1.user + cpu1.system) / 1000 / wall) * 100, wall });
  t.stop();
}
await browser.close();
console.log(`\nThe same 200-line document; ${COLD_RUNS} cold loads; ${KEYSTROKES} keystrokes ${KEY_INTERVAL_MS} ms apart; ${cpus().length} CPUs (shared); web at ${BASE}`);
console.log('| page | JS to first edit (gzip) | first edit, cold p50 | p99 | keystroke -> remote render p50 | p99 | max | lost | generator CPU |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.t.name} | ${kb(r.cold.js)} | ${pct(r.cold.times, 50).toFixed(0)} ms | ${pct(r.cold.times, 99).toFixed(0)} ms | ${pct(r.keys.lat, 50).toFixed(1)} ms | ${pct(r.keys.lat, 99).toFixed(1)} ms | ${(r.keys.lat.length ? Math.max(...r.keys.lat) : NaN).toFixed(1)} ms | ${r.keys.lost} | ${r.cpu.toFixed(1)} % |`);
}
console.log('\n(generator CPU: this node process, which drives the browsers; the browsers run beside it on the same cores)');
