// The app's one TokenManager, talking to the BFF under /session/*.
import { TokenManager, type Session } from './tokens';
import { GqlError } from './errors';

async function post(path: string, body: unknown = {}): Promise<any> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new GqlError({ extensions: { code: 'NETWORK' } });
  }
  const data = await res.json().catch(() => ({}));
  if (data.error) throw new GqlError(data.error);
  if (!res.ok) throw new GqlError({ message: `HTTP ${res.status}`, extensions: { code: 'NETWORK' } });
  return data;
}

function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? (navigator as any).locks : undefined;
  return locks ? locks.request('kn-session-refresh', fn) : fn();
}

export const auth = new TokenManager({
  refresh: async (): Promise<Session | null> => {
    try {
      const data = await post('/session/refresh');
      return data.accessToken ? data : null;
    } catch (e) {
      if (e instanceof GqlError && e.code === 'NETWORK') throw e;
      return null;
    }
  },
  withLock,
});

// Set by a deliberate sign-out, cleared by the next sign-in: the protected page someone leaves by signing out is
// not where the next person to sign in on this browser wants to land (nor may they be able to read it).
let signedOutHere = false;

/** Whether the last session in this tab ended by signing out (so sign-in should not return to the page left). */
export function signedOutDeliberately() { return signedOutHere; }

function accepted(session: Session) {
  signedOutHere = false;
  auth.accept(session);
}

export type LoginOutcome = { signedIn: true } | { mfaChallenge: string };

export async function login(email: string, password: string): Promise<LoginOutcome> {
  const data = await post('/session/login', { email, password });
  if (data.mfaChallenge) return { mfaChallenge: data.mfaChallenge };
  accepted(data);
  return { signedIn: true };
}

export async function verifyMfa(challenge: string, code: string) {
  accepted(await post('/session/mfa', { challenge, code }));
}

export async function register(email: string, password: string, displayName: string) {
  accepted(await post('/session/register', { email, password, displayName }));
}

export async function logout(everywhere = false) {
  const token = await auth.freshToken().catch(() => null);
  try {
    await post('/session/logout', { everywhere, accessToken: everywhere ? token : undefined });
  } finally {
    signedOutHere = true;
    auth.clear();
  }
}
