// A client of collab-websocket (docs/collab-protocol.md, version 1): ShareDB's model with ot-text-unicode.
// One operation in flight, edits made meanwhile composed into `pending`; remote operations transformed
// against both. Edits made offline stay in `pending`/`inflight` and are sent after the reconnect's
// catch-up (auth with the last epoch and version); a resubmitted src/seq is never applied twice.
// No DOM or CodeMirror here, so it runs under the node test runner with a fake socket.
import { type as textType } from 'ot-text-unicode';
import type { OtOp } from './unicode';

export type SocketLike = {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev?: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror?: ((ev?: unknown) => void) | null;
};

export type Selection = { anchor: number; head: number } | null;
export type Peer = { client: string; user?: string; name: string; color: string; selection: Selection; v: number };
export type Status = 'connecting' | 'online' | 'offline' | 'closed';

export type CollabEvents = {
  /** The whole text was replaced (first join, or a resync). */
  snapshot?: (text: string) => void;
  /** Someone else's operation, to apply to the text the editor shows (which is `before`). */
  remoteOp?: (op: OtOp, before: string) => void;
  status?: (status: Status, detail?: string) => void;
  role?: (role: string, canEdit: boolean) => void;
  peers?: (peers: Peer[]) => void;
  error?: (message: string) => void;
};

export type CollabOptions = {
  url: string;
  token: () => Promise<string | null>;
  name?: string;
  color?: string;
  src?: string;
  socket: (url: string) => SocketLike;
  events: CollabEvents;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (h: unknown) => void;
  /** Delay before reconnect attempt n (1, 2, ...). */
  backoff?: (attempt: number) => number;
};

const STOP_CODES = new Set([4403, 4404, 4400]);

export class CollabClient {
  text: string | null = null;
  version = 0;
  epoch: string | number | null = null;
  role = 'VIEWER';
  canEdit = false;
  status: Status = 'connecting';
  inflight: { op: OtOp; seq: number } | null = null;
  pending: OtOp | null = null;
  readonly src: string;
  private seq = 0;
  private ws: SocketLike | null = null;
  private joined = false;
  private attempts = 0;
  private closedByUser = false;
  private resync = false;
  private timer: unknown = null;
  private peersById = new Map<string, Peer>();

  constructor(private opts: CollabOptions) {
    this.src = opts.src ?? `web-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  }

  connect() {
    this.closedByUser = false;
    this.setStatus(this.text === null ? 'connecting' : 'offline');
    const ws = this.opts.socket(this.opts.url);
    this.ws = ws;
    this.joined = false;
    ws.onopen = () => { void this.authenticate(ws); };
    ws.onmessage = (ev) => { if (this.ws === ws) this.receive(JSON.parse(String(ev.data))); };
    ws.onclose = (ev) => { if (this.ws === ws) this.closed(ev.code, ev.reason); };
  }

  close() {
    this.closedByUser = true;
    if (this.timer !== null) (this.opts.clearTimer ?? clearTimeout)(this.timer as any);
    this.ws?.close(1000, 'closed by the user');
    this.ws = null;
    this.setStatus('closed');
  }

  /** Send a fresh token on the open connection so the session outlives the old one. */
  async renewAuth() {
    const token = await this.opts.token();
    if (token && this.ws && this.joined) this.send({ type: 'auth', token });
  }

  /** An application-level ping: keeps idle connections heard within the server's 60 s. */
  ping() { if (this.joined) this.send({ type: 'ping' }); }

  /** Drop the socket as if the network went away (tests, and the "go offline" toggle). */
  simulateDisconnect() { this.ws?.close(4000, 'offline'); }

  /** A local edit (against the current text): applied at once, sent when the server is ready. */
  submit(op: OtOp) {
    if (this.text === null) throw new Error('not joined yet');
    this.text = textType.apply(this.text, op);
    this.pending = this.pending ? textType.compose(this.pending, op) : op;
    this.flush();
  }

  setSelection(selection: Selection) {
    if (this.joined) this.send({ type: 'presence', v: this.version, selection });
  }

  get peers(): Peer[] { return [...this.peersById.values()]; }
  get hasUnsent(): boolean { return this.inflight !== null || this.pending !== null; }

  private async authenticate(ws: SocketLike) {
    const token = await this.opts.token().catch(() => null);
    if (this.ws !== ws) return;
    if (!token) { this.stop('Your sign-in has ended. Please sign in again.'); return; }
    const msg: Record<string, unknown> = { type: 'auth', token, protocol: 1 };
    if (this.opts.name) msg.name = this.opts.name;
    if (this.opts.color) msg.color = this.opts.color;
    if (this.text !== null && this.epoch !== null && !this.resync) { msg.epoch = this.epoch; msg.v = this.version; }
    this.send(msg);
  }

  private send(msg: unknown) { this.ws?.send(JSON.stringify(msg)); }

  private flush() {
    if (!this.joined || this.inflight || !this.pending || !this.canEdit) return;
    this.inflight = { op: this.pending, seq: ++this.seq };
    this.pending = null;
    this.sendInflight();
  }

  private sendInflight() {
    if (this.inflight) this.send({ type: 'op', v: this.version, op: this.inflight.op, src: this.src, seq: this.inflight.seq });
  }

  private receive(m: any) {
    switch (m.type) {
      case 'joined': return this.onJoined(m);
      case 'op': return this.onRemote(m);
      case 'ack':
        if (this.inflight && m.src === this.src && m.seq === this.inflight.seq) {
          this.inflight = null;
          this.version = m.v + 1;
          this.flush();
        }
        return;
      case 'presence': {
        if (m.client) this.peersById.set(m.client, { client: m.client, user: m.user, name: m.name, color: m.color, selection: m.selection, v: m.v });
        this.emit('peers', this.peers);
        return;
      }
      case 'leave':
        this.peersById.delete(m.client);
        this.emit('peers', this.peers);
        return;
      case 'role':
        this.role = m.role; this.canEdit = !!m.canEdit;
        this.emit('role', this.role, this.canEdit);
        this.flush();
        return;
      case 'error': return this.onError(m);
      default: return;
    }
  }

  private onJoined(m: any) {
    this.joined = true;
    this.attempts = 0;
    this.role = m.role; this.canEdit = !!m.canEdit;
    this.emit('role', this.role, this.canEdit);
    this.peersById.clear();
    for (const p of m.presence ?? []) this.peersById.set(p.client, p);
    if (typeof m.snapshot === 'string') {
      // A fresh start: keep unacknowledged local edits if they still fit the new text.
      const local = this.inflight && this.pending ? textType.compose(this.inflight.op, this.pending) : (this.inflight?.op ?? this.pending);
      this.inflight = null; this.pending = null;
      this.epoch = m.epoch; this.version = m.v; this.text = m.snapshot;
      let text = m.snapshot as string;
      if (local && this.canEdit) {
        try {
          text = textType.apply(text, local);
          this.pending = local;
        } catch {
          this.emit('error', 'Edits made while disconnected no longer fit the document and were dropped.');
        }
      } else if (local) {
        this.emit('error', 'Edits made while disconnected were not saved: you may no longer edit this document.');
      }
      this.text = text;
      this.resync = false;
      this.emit('snapshot', text);
    } else {
      this.epoch = m.epoch;
      for (const op of m.ops ?? []) {
        if (this.inflight && op.src === this.src && op.seq === this.inflight.seq) {
          this.inflight = null; // sequenced before we lost the connection: that was its ack
          this.version = op.v + 1;
        } else {
          this.onRemote(op);
        }
      }
      this.version = m.v;
    }
    this.emit('peers', this.peers);
    this.setStatus('online');
    if (this.inflight) this.sendInflight(); // the server acknowledges a duplicate without applying it
    else this.flush();
  }

  private onRemote(m: any) {
    if (this.text === null) return;
    if (m.src === this.src && this.inflight && m.seq === this.inflight.seq) return;
    let op: OtOp = m.op;
    if (this.inflight) {
      const o = op;
      op = textType.transform(op, this.inflight.op, 'right') as OtOp;
      this.inflight.op = textType.transform(this.inflight.op, o, 'left') as OtOp;
    }
    if (this.pending) {
      const o = op;
      op = textType.transform(op, this.pending, 'right') as OtOp;
      this.pending = textType.transform(this.pending, o, 'left') as OtOp;
    }
    const before = this.text;
    this.text = textType.apply(this.text, op);
    this.version = m.v + 1;
    for (const peer of this.peersById.values()) {
      if (peer.selection) {
        peer.selection = {
          anchor: textType.transformPosition(peer.selection.anchor, op),
          head: textType.transformPosition(peer.selection.head, op),
        };
      }
    }
    this.emit('remoteOp', op, before);
  }

  private onError(m: any) {
    switch (m.code) {
      case 'RATE_LIMITED':
      case 'UNAVAILABLE':
        this.later(() => this.sendInflight(), 500);
        return;
      case 'READ_ONLY':
        this.emit('error', 'You may not edit this document (your role is viewer or commenter, or it is archived).');
        this.dropLocalAndResync();
        return;
      case 'DOCUMENT_TOO_LARGE':
        this.emit('error', 'The document would exceed 1,000,000 characters; that edit was undone.');
        this.dropLocalAndResync();
        return;
      case 'INVALID_OP':
      case 'VERSION_TOO_OLD':
      case 'VERSION_AHEAD':
        this.resync = true;
        this.ws?.close(4000, 'resync');
        return;
      case 'NOT_JOINED':
        return;
      default:
        this.emit('error', m.message ?? `The editor server refused a request (${m.code}).`);
    }
  }

  private dropLocalAndResync() {
    this.inflight = null; this.pending = null; this.resync = true;
    this.ws?.close(4000, 'resync');
  }

  private closed(code: number, reason?: string) {
    this.ws = null;
    this.joined = false;
    if (this.closedByUser) return;
    if (STOP_CODES.has(code)) { this.stop(reason || `closed (${code})`, code); return; }
    if (code === 4409) this.resync = true; // live state reset: rejoin from a snapshot
    this.setStatus('offline', reason);
    this.attempts++;
    const delay = (this.opts.backoff ?? ((n) => Math.min(10000, 250 * 2 ** Math.min(n, 6))))(this.attempts);
    this.later(() => { if (!this.closedByUser) this.connect(); }, delay);
  }

  private stop(detail: string, code?: number) {
    this.closedByUser = true;
    this.setStatus('closed', code ? String(code) : detail);
  }

  private later(fn: () => void, ms: number) {
    this.timer = (this.opts.setTimer ?? setTimeout)(() => { this.timer = null; fn(); }, ms);
  }

  /** Calls the UI back; a failing callback must never leave the protocol state half-updated. */
  private emit<K extends keyof CollabEvents>(name: K, ...args: Parameters<NonNullable<CollabEvents[K]>>) {
    try {
      (this.opts.events[name] as ((...a: unknown[]) => void) | undefined)?.(...args);
    } catch (e) {
      console.error(`collab: the ${String(name)} handler failed`, e);
    }
  }

  private setStatus(status: Status, detail?: string) {
    this.status = status;
    this.emit('status', status, detail);
  }
}
