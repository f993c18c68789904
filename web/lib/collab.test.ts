import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type as textType } from 'ot-text-unicode';
import { CollabClient } from './collab';
import { FakeServer } from './fake-collab-server';

const tick = () => new Promise((r) => setTimeout(r, 0));

function client(server: FakeServer, name: string, extra: Partial<ConstructorParameters<typeof CollabClient>[0]> = {}) {
  const errors: string[] = [];
  const timers: (() => void)[] = [];
  const c = new CollabClient({
    url: 'ws://x/collab/d', token: async () => 'token', name, src: name, socket: server.socket,
    events: { error: (m) => errors.push(m) },
    setTimer: (fn) => { timers.push(fn); return timers.length; }, clearTimer: () => undefined,
    ...extra,
  });
  return { c, errors, timers };
}

async function joinAll(server: FakeServer, ...cs: CollabClient[]) {
  cs.forEach((c) => c.connect());
  await tick(); await tick();
  server.settle();
  await tick(); server.settle();
}

test('two clients typing at the same time converge on the server text', async () => {
  const server = new FakeServer('hello');
  const a = client(server, 'a').c, b = client(server, 'b').c;
  await joinAll(server, a, b);
  a.submit([5, ' world']);
  b.submit(['Oh, ']);
  b.submit([4, 'well, ']);
  a.submit([{ d: 1 }, 'H']);
  server.settle();
  assert.equal(a.text, server.text);
  assert.equal(b.text, server.text);
  assert.equal(server.text, 'Oh, well, Hello world');
  assert.equal(a.hasUnsent, false);
  assert.equal(b.version, server.version);
});

test('only one operation is in flight; edits made meanwhile are composed and sent after the ack', async () => {
  const server = new FakeServer('');
  const a = client(server, 'a').c;
  await joinAll(server, a);
  const sent: any[] = [];
  const conn = [...server.conns][0];
  const orig = conn.client.send.bind(conn.client);
  conn.client.send = (d: string) => { sent.push(JSON.parse(d)); orig(d); };
  a.submit(['a']); a.submit([1, 'b']); a.submit([2, 'c']);
  assert.equal(sent.filter((m) => m.type === 'op').length, 1);
  server.settle();
  const ops = sent.filter((m) => m.type === 'op');
  assert.equal(ops.length, 2);
  assert.deepEqual(ops[1].op, [1, 'bc']);
  assert.equal(ops[1].seq, 2);
  assert.equal(server.text, 'abc');
});

test('emoji count as one code point on the wire', async () => {
  const server = new FakeServer('😀x');
  const a = client(server, 'a').c, b = client(server, 'b').c;
  await joinAll(server, a, b);
  a.submit([1, '!']);
  server.settle();
  assert.equal(server.text, '😀!x');
  assert.equal(b.text, '😀!x');
});

test('edits made offline are sent after the reconnect catches up, and both sides converge', async () => {
  const server = new FakeServer('base');
  const a = client(server, 'a'), b = client(server, 'b');
  await joinAll(server, a.c, b.c);
  [...server.conns].find((c) => c.id && c.client === (a.c as any).ws)?.drop();
  assert.equal(a.c.status, 'offline');
  a.c.submit([4, ' offline-a']);              // typed while disconnected
  b.c.submit(['B: ']);                         // someone else meanwhile
  server.settle();
  assert.equal(server.text, 'B: base');
  a.timers.shift()!();                         // the reconnect timer fires
  await tick(); server.settle(); await tick(); server.settle();
  assert.equal(a.c.status, 'online');
  assert.equal(server.text, 'B: base offline-a');
  assert.equal(a.c.text, server.text);
  assert.equal(b.c.text, server.text);
});

test('an operation sequenced just before the connection dropped is not applied twice on reconnect', async () => {
  const server = new FakeServer('x');
  const a = client(server, 'a');
  await joinAll(server, a.c);
  const conn = [...server.conns][0];
  a.c.submit([1, 'y']);
  // The server receives and sequences the op, but the ack is lost with the connection.
  while (conn.toServerQ.length) server.handle(conn, JSON.parse(conn.toServerQ.shift()!));
  conn.drop();
  assert.equal(server.text, 'xy');
  assert.equal(a.c.hasUnsent, true);
  a.timers.shift()!();
  await tick(); server.settle(); await tick(); server.settle();
  assert.equal(server.text, 'xy');
  assert.equal(a.c.text, 'xy');
  assert.equal(a.c.hasUnsent, false);
});

test('after UNAVAILABLE the same src/seq is resubmitted, and a duplicate is acknowledged without being applied twice', async () => {
  const server = new FakeServer('x');
  const a = client(server, 'a');
  await joinAll(server, a.c);
  const conn = [...server.conns][0];
  a.c.submit([1, 'y']);
  while (conn.toServerQ.length) server.handle(conn, JSON.parse(conn.toServerQ.shift()!));
  conn.toClientQ = [JSON.stringify({ type: 'error', code: 'UNAVAILABLE', message: 'redis slow', seq: 1 })]; // the ack is lost
  server.settle();
  assert.equal(a.c.hasUnsent, true);
  a.timers.shift()!();                         // the client resubmits seq 1
  server.settle();
  assert.equal(server.text, 'xy');
  assert.equal(server.version, 1);
  assert.equal(a.c.text, 'xy');
  assert.equal(a.c.hasUnsent, false);
});

test('a viewer gets a read-only session: a local edit is refused and undone by a resync', async () => {
  const server = new FakeServer('read me');
  server.canEdit = false;
  const a = client(server, 'a');
  await joinAll(server, a.c);
  assert.equal(a.c.canEdit, false);
  a.c.submit(['X']);       // the editor prevents this; if it happened, nothing is sent
  server.settle();
  assert.equal(server.text, 'read me');
  assert.equal(server.version, 0);
});

test('remote cursors move with remote operations', async () => {
  const server = new FakeServer('abcdef');
  const a = client(server, 'a').c, b = client(server, 'b').c;
  await joinAll(server, a, b);
  (a as any).receive({ type: 'presence', client: 'cX', user: 'u', name: 'X', color: '#ff0000', selection: { anchor: 3, head: 3 }, v: a.version });
  b.submit(['12']);
  server.settle();
  assert.deepEqual(a.peers[0].selection, { anchor: 5, head: 5 });
});

test('transform tie-break: inserts at the same place keep the first sequenced first', () => {
  const left = textType.transform(['a'], ['b'], 'left');
  assert.deepEqual(textType.apply(textType.apply('', ['b']), left), 'ab');
});
