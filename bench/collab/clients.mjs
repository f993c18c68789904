// The two kinds of editing client the load generator drives, behind one interface:
//   connect() → resolves when joined; submit(op, sentAt) sends (or buffers) an edit; textLength() in code points;
//   text() the local document; onRemote(op) is called with each operation another client made; close().
// Both keep at most one operation in flight and compose what is typed meanwhile, as ShareDB's client does.
import WebSocket from 'ws';
import ShareDBClient from 'sharedb/lib/client/index.js';
import otText from 'ot-text-unicode';

const { type } = otText;
ShareDBClient.types.register(type);

/** Code points an operation adds to the document (inserts minus deletes). */
export function lengthDelta(op) {
  let delta = 0;
  for (const c of op) {
    if (typeof c === 'string') delta += codePoints(c);
    else if (typeof c === 'object') delta -= typeof c.d === 'number' ? c.d : codePoints(c.d);
  }
  return delta;
}

export function codePoints(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) i++;
    n++;
  }
  return n;
}

/** ShareDB 7's own client (sharedb/lib/client) over a ws socket. */
export class ShareDbEditor {
  constructor(url, collection, id, onRemote, onAck) {
    this.url = url;
    this.collection = collection;
    this.id = id;
    this.onRemote = onRemote;
    this.onAck = onAck;
    this.length = 0;
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.socket = new WebSocket(this.url);
      this.socket.on('error', reject);
      this.connection = new ShareDBClient.Connection(this.socket);
      this.doc = this.connection.get(this.collection, this.id);
      this.doc.subscribe((error) => {
        if (error) { reject(error); return; }
        this.length = codePoints(this.doc.data ?? '');
        this.doc.on('op', (op, source) => {
          this.length += lengthDelta(op);
          if (!source) this.onRemote(op);
        });
        resolve();
      });
    });
  }

  submit(op, sentAt) {
    this.doc.submitOp(op, { source: true }, (error) => this.onAck(error, [sentAt]));
  }

  textLength() { return this.length; }

  text() { return this.doc.data; }

  version() { return this.doc.version; }

  close() { try { this.connection.close(); } catch { /* closing anyway */ } }
}

/**
 * collab-websocket's protocol (docs/collab-protocol.md): {type:"auth", token, protocol} first, then "joined" with
 * the version and the text; {type:"op", v, op, src, seq} out; "ack" {src, seq, v} and "op" {v, op, src, seq} in,
 * where v is the version an operation turned the document from.
 */
export class CollabEditor {
  constructor(url, token, onRemote, onAck, name) {
    this.url = url;
    this.token = token;
    this.onRemote = onRemote;
    this.onAck = onAck;
    this.name = name;
    this.src = `bench-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    this.seq = 0;
    this.doc = '';
    this.length = 0;
    this.v = 0;
    this.inflight = null; // {op, seq, sentAts}
    this.pending = null; // {op, sentAts}
    this.errors = 0;
    this.lastError = null;
  }

  connect({ idle = false } = {}) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, { perMessageDeflate: false });
      this.socket = socket;
      let joined = false;
      socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: this.token, protocol: 1, name: this.name })));
      socket.on('error', (e) => { if (!joined) reject(e); });
      socket.on('close', (code, reason) => {
        this.closed = { code, reason: String(reason) };
        if (!joined) reject(new Error(`closed before joined: ${code} ${reason}`));
      });
      socket.on('message', (data) => {
        const m = JSON.parse(data);
        switch (m.type) {
          case 'joined':
            joined = true;
            this.v = m.v;
            this.doc = m.snapshot ?? '';
            for (const e of m.ops ?? []) this.doc = type.apply(this.doc, e.op);
            this.length = codePoints(this.doc);
            if (idle) {
              // An idle client still shows it is there (the server closes a connection it hears nothing from).
              socket.removeAllListeners('message');
              socket.on('message', () => {});
              this.heartbeat = setInterval(() => socket.send('{"type":"ping"}'), 20_000 + Math.random() * 5_000);
            }
            resolve();
            break;
          case 'ack': this.acked(m); break;
          case 'op': this.remote(m); break;
          case 'error':
            this.errors++;
            this.lastError = `${m.code}: ${m.message}`;
            if (!joined) reject(new Error(this.lastError));
            if (this.inflight && m.seq === this.inflight.seq) {
              // Refused: counted as such (the step breaks down); this client's text no longer matches the others'.
              const { sentAts } = this.inflight;
              this.inflight = null;
              this.onAck(new Error(this.lastError), sentAts);
              this.flush();
            }
            break;
          default: break; // presence, leave, role, pong
        }
      });
    });
  }

  submit(op, sentAt) {
    this.doc = type.apply(this.doc, op);
    this.length += lengthDelta(op);
    if (this.pending) {
      this.pending.op = type.compose(this.pending.op, op);
      this.pending.sentAts.push(sentAt);
    } else {
      this.pending = { op, sentAts: [sentAt] };
    }
    if (!this.inflight) this.flush();
  }

  flush() {
    if (!this.pending) return;
    const { op, sentAts } = this.pending;
    this.pending = null;
    this.inflight = { op, sentAts, seq: ++this.seq };
    this.socket.send(JSON.stringify({ type: 'op', v: this.v, op, src: this.src, seq: this.inflight.seq }));
  }

  acked(m) {
    if (!this.inflight || m.seq !== this.inflight.seq) return;
    this.v = m.v + 1;
    const { sentAts } = this.inflight;
    this.inflight = null;
    this.onAck(null, sentAts);
    this.flush();
  }

  remote(m) {
    if (m.src === this.src) return; // our own, acknowledged separately
    if (m.v < this.v) return; // already have it
    let op = m.op;
    if (this.inflight) {
      const mine = this.inflight.op;
      this.inflight.op = type.transform(mine, op, 'left');
      op = type.transform(op, mine, 'right');
    }
    if (this.pending) {
      const mine = this.pending.op;
      this.pending.op = type.transform(mine, op, 'left');
      op = type.transform(op, mine, 'right');
    }
    this.doc = type.apply(this.doc, op);
    this.length += lengthDelta(op);
    this.v = m.v + 1;
    this.onRemote(m.op);
  }

  textLength() { return this.length; }

  text() { return this.doc; }

  version() { return this.v; }

  close() {
    clearInterval(this.heartbeat);
    try { this.socket.close(); } catch { /* closing anyway */ }
  }
}
