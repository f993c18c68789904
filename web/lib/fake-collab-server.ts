// A collab-websocket stand-in for the unit tests: sequences operations ShareDB's way (transform a late
// operation against the log since its version), acknowledges duplicates without applying them, answers
// a rejoin with the operations since the client's version. Messages wait in queues until the test
// delivers them, so a test chooses the interleaving.
import { type as textType } from 'ot-text-unicode';
import type { SocketLike } from './collab';
import type { OtOp } from './unicode';

type Logged = { v: number; op: OtOp; src: string; seq: number };

export class FakeServer {
  text: string;
  log: Logged[] = [];
  epoch = 'e1';
  lastSeq = new Map<string, number>();
  conns = new Set<FakeConn>();
  canEdit = true;
  constructor(text = '') { this.text = text; }
  get version() { return this.log.length; }

  socket = (url: string): SocketLike => new FakeConn(this, url).client;

  /** Deliver every queued message both ways until nothing moves. */
  settle() {
    for (let i = 0; i < 1000; i++) {
      let moved = false;
      for (const c of this.conns) moved = c.pump() || moved;
      if (!moved) return;
    }
    throw new Error('did not settle');
  }

  handle(conn: FakeConn, m: any) {
    if (m.type === 'auth') {
      if (!conn.joined) {
        conn.joined = true;
        const joined: any = { type: 'joined', protocol: 1, client: conn.id, role: this.canEdit ? 'EDITOR' : 'VIEWER', canEdit: this.canEdit, epoch: this.epoch, v: this.version, presence: [], ops: [] };
        if (m.epoch === this.epoch && typeof m.v === 'number' && m.v <= this.version) joined.ops = this.log.slice(m.v).map((l) => ({ type: 'op', ...l }));
        else joined.snapshot = this.text;
        conn.toClient(joined);
      }
      return;
    }
    if (m.type === 'op') {
      if (!this.canEdit) { conn.toClient({ type: 'error', code: 'READ_ONLY', message: 'read only', seq: m.seq }); return; }
      const last = this.lastSeq.get(m.src) ?? 0;
      if (m.seq <= last) {
        const mine = [...this.log].reverse().find((l) => l.src === m.src)!;
        conn.toClient({ type: 'ack', src: m.src, seq: m.seq, v: mine.v });
        return;
      }
      let op: OtOp = m.op;
      for (const l of this.log.slice(m.v)) op = textType.transform(op, l.op, 'left') as OtOp;
      this.text = textType.apply(this.text, op);
      const entry = { v: this.version, op, src: m.src, seq: m.seq };
      this.log.push(entry);
      this.lastSeq.set(m.src, m.seq);
      for (const c of this.conns) {
        if (!c.joined) continue;
        if (c === conn) c.toClient({ type: 'ack', src: m.src, seq: m.seq, v: entry.v });
        else c.toClient({ type: 'op', ...entry, user: 'u' });
      }
    }
  }
}

let ids = 0;
export class FakeConn {
  id = `c${++ids}`;
  joined = false;
  open = false;
  toServerQ: string[] = [];
  toClientQ: string[] = [];
  client: SocketLike;
  constructor(private server: FakeServer, _url: string) {
    this.client = {
      send: (data: string) => { if (this.open) this.toServerQ.push(data); },
      close: (code = 1000, reason = '') => { this.drop(code, reason); },
      onopen: null, onmessage: null, onclose: null,
    };
    server.conns.add(this);
    this.open = true;
    queueMicrotask(() => this.client.onopen?.());
  }
  toClient(m: unknown) { this.toClientQ.push(JSON.stringify(m)); }
  pump(): boolean {
    let moved = false;
    while (this.toServerQ.length) { moved = true; this.server.handle(this, JSON.parse(this.toServerQ.shift()!)); }
    while (this.open && this.toClientQ.length) { moved = true; this.client.onmessage?.({ data: this.toClientQ.shift()! }); }
    return moved;
  }
  /** The network goes away: nothing queued arrives anywhere. */
  drop(code = 1006, reason = '') {
    if (!this.open) return;
    this.open = false;
    this.toServerQ = []; this.toClientQ = [];
    this.server.conns.delete(this);
    this.client.onclose?.({ code, reason });
  }
}
