// The access token lives in memory only (never localStorage, never a readable cookie): a script of
// another origin cannot read it, and a reload gets a new one from /session/refresh, which exchanges the
// HttpOnly refresh-token cookie. The token is refreshed silently `leadSeconds` before it expires.

export type Session = { accessToken: string; expiresIn: number; user?: SessionUser | null };
export type SessionUser = { id: string; email: string; displayName: string; platformRole?: string | null };

export type TokenManagerDeps = {
  /** Calls the BFF's /session/refresh; resolves null when there is no session (no or refused cookie). */
  refresh: () => Promise<Session | null>;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Serialises refreshes across tabs: refresh tokens work once, so two tabs must not race. */
  withLock?: <T>(fn: () => Promise<T>) => Promise<T>;
  leadSeconds?: number;
};

export class TokenManager {
  private token: string | null = null;
  private expiresAt = 0;
  private timer: unknown = null;
  private inflight: Promise<string | null> | null = null;
  private listeners = new Set<(user: SessionUser | null) => void>();
  user: SessionUser | null = null;

  constructor(private deps: TokenManagerDeps) {}

  private now() { return (this.deps.now ?? Date.now)(); }

  /** Takes a session from sign-in, registration or a refresh. */
  accept(session: Session) {
    this.restored = true;
    this.token = session.accessToken;
    this.expiresAt = this.now() + session.expiresIn * 1000;
    if (session.user !== undefined) this.user = session.user;
    this.schedule();
    this.emit();
  }

  clear() {
    this.token = null;
    this.expiresAt = 0;
    this.user = null;
    if (this.timer !== null) (this.deps.clearTimer ?? clearTimeout)(this.timer as any);
    this.timer = null;
    this.emit();
  }

  get signedIn() { return this.token !== null; }
  /** Milliseconds since the epoch when the current token expires (0 when signed out). */
  get expiry() { return this.expiresAt; }

  private schedule() {
    if (this.timer !== null) (this.deps.clearTimer ?? clearTimeout)(this.timer as any);
    const lead = (this.deps.leadSeconds ?? 60) * 1000;
    const delay = Math.max(0, this.expiresAt - this.now() - lead);
    this.timer = (this.deps.setTimer ?? setTimeout)(() => { this.timer = null; void this.refreshNow().catch(() => undefined); }, delay);
  }

  /**
   * A token valid for at least a few seconds more, refreshing first if needed; null when signed out.
   * The first call of a page load restores the session from the refresh-token cookie.
   */
  async freshToken(): Promise<string | null> {
    if (this.inflight) return this.inflight;
    if (this.token && this.expiresAt - this.now() > 5000) return this.token;
    if (this.token || !this.restored) {
      this.restored = true;
      return this.refreshNow();
    }
    return null;
  }
  private restored = false;

  /** One refresh at a time, whoever asks: concurrent callers share it. */
  refreshNow(): Promise<string | null> {
    if (this.inflight) return this.inflight;
    const run = async () => {
      const session = await (this.deps.withLock ? this.deps.withLock(this.deps.refresh) : this.deps.refresh());
      if (!session) { this.clear(); return null; }
      this.accept(session);
      return session.accessToken;
    };
    this.inflight = run().finally(() => { this.inflight = null; });
    return this.inflight;
  }

  onChange(fn: (user: SessionUser | null) => void) {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }
  private emit() { for (const fn of this.listeners) fn(this.user); }
}
