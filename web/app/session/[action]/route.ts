// The small BFF that keeps the refresh token out of every script's reach. It calls knowledge-api's
// login/verifyMfa/register/refresh/logout mutations server side (KN_GRAPHQL_URL) and puts the refresh
// token in an HttpOnly, SameSite=Strict cookie (Secure over https) scoped to /session; the browser gets
// only the short-lived access token, which it keeps in memory.
import { type NextRequest, NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

const GRAPHQL_URL = process.env.KN_GRAPHQL_URL || 'http://127.0.0.1:8080/graphql';
const COOKIE = 'kn_refresh';
const REFRESH_MAX_AGE = 7 * 24 * 3600; // knowledge-api's refresh tokens live 7 days
const PAYLOAD = 'accessToken accessTokenExpiresIn refreshToken user { id email displayName platformRole }';

// A refresh token works once. When a browser's refresh is cut off (a reload while it is under way),
// knowledge-api has rotated the token but the browser never got the new cookie, and its next refresh
// would present the old one: a reuse, which revokes the whole sign-in. So for a few seconds this replica
// answers a repeated old token with the pair it already got for it. (Per replica: with many replicas a
// retry that lands elsewhere still signs the user out.)
const REUSE_GRACE_MS = 10_000;
const recent = new Map<string, { at: number; payload: any }>();
async function digest(token: string) {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Buffer.from(bytes).toString('base64url');
}
function remember(key: string, payload: any) {
  const now = Date.now();
  for (const [k, v] of recent) if (now - v.at > REUSE_GRACE_MS) recent.delete(k);
  recent.set(key, { at: now, payload });
}

type GqlResult = { data?: any; errors?: { message?: string; extensions?: { code?: string; reason?: string } }[] };

async function call(req: NextRequest, query: string, variables: Record<string, unknown>, accessToken?: string): Promise<GqlResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  // Login throttling counts per client address: pass the caller's on (knowledge-api trusts it only from
  // proxies it is configured to trust).
  const forwarded = req.headers.get('x-forwarded-for');
  if (forwarded) headers['x-forwarded-for'] = forwarded;
  const res = await fetch(GRAPHQL_URL, { method: 'POST', headers, body: JSON.stringify({ query, variables }), cache: 'no-store' });
  if (res.status === 401) return { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] };
  return (await res.json()) as GqlResult;
}

function secure(req: NextRequest) {
  const proto = req.headers.get('x-forwarded-proto')?.split(',').pop()?.trim();
  return (proto ?? req.nextUrl.protocol.replace(':', '')) === 'https';
}

function withSession(req: NextRequest, payload: any) {
  const res = NextResponse.json({ accessToken: payload.accessToken, expiresIn: payload.accessTokenExpiresIn, user: payload.user });
  res.cookies.set(COOKIE, payload.refreshToken, {
    httpOnly: true, sameSite: 'strict', secure: secure(req), path: '/session', maxAge: REFRESH_MAX_AGE,
  });
  return res;
}

function clearSession(req: NextRequest, body: unknown, status = 200) {
  const res = NextResponse.json(body, { status });
  res.cookies.set(COOKIE, '', { httpOnly: true, sameSite: 'strict', secure: secure(req), path: '/session', maxAge: 0 });
  return res;
}

function fail(error: unknown, status = 200) {
  return NextResponse.json({ error }, { status });
}

/** Only same-origin JSON posts: with SameSite=Strict this closes the door on cross-site requests. */
function sameOrigin(req: NextRequest) {
  const origin = req.headers.get('origin');
  if (!origin) return true;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try { return new URL(origin).host === host; } catch { return false; }
}

export async function POST(req: NextRequest, { params }: { params: Promise<{ action: string }> }) {
  const { action } = await params;
  if (!sameOrigin(req) || !(req.headers.get('content-type') ?? '').startsWith('application/json')) {
    return fail({ message: 'cross-origin or non-JSON request refused', extensions: { code: 'FORBIDDEN' } }, 403);
  }
  const body = await req.json().catch(() => ({}));
  const str = (k: string) => (typeof body[k] === 'string' ? body[k] : '');
  let result: GqlResult;
  try {
    switch (action) {
      case 'login':
        result = await call(req, `mutation($e:String!,$p:String!){ login(email:$e,password:$p){ mfaChallenge session { ${PAYLOAD} } } }`, { e: str('email'), p: str('password') });
        if (result.errors?.length) return fail(result.errors[0]);
        if (result.data.login.mfaChallenge) return NextResponse.json({ mfaChallenge: result.data.login.mfaChallenge });
        return withSession(req, result.data.login.session);
      case 'mfa':
        result = await call(req, `mutation($c:String!,$k:String!){ verifyMfa(challenge:$c,code:$k){ ${PAYLOAD} } }`, { c: str('challenge'), k: str('code') });
        if (result.errors?.length) return fail(result.errors[0]);
        return withSession(req, result.data.verifyMfa);
      case 'register':
        result = await call(req, `mutation($e:String!,$p:String!,$n:String!){ register(email:$e,password:$p,displayName:$n){ ${PAYLOAD} } }`, { e: str('email'), p: str('password'), n: str('displayName') });
        if (result.errors?.length) return fail(result.errors[0]);
        return withSession(req, result.data.register);
      case 'refresh': {
        const token = req.cookies.get(COOKIE)?.value;
        if (!token) return NextResponse.json({ accessToken: null });
        const key = await digest(token);
        const seen = recent.get(key);
        if (seen && Date.now() - seen.at <= REUSE_GRACE_MS) return withSession(req, seen.payload);
        result = await call(req, `mutation($t:String!){ refresh(refreshToken:$t){ ${PAYLOAD} } }`, { t: token });
        if (result.errors?.length) return clearSession(req, { accessToken: null, error: result.errors[0] });
        remember(key, result.data.refresh);
        return withSession(req, result.data.refresh);
      }
      case 'logout': {
        const token = req.cookies.get(COOKIE)?.value;
        if (body.everywhere && str('accessToken')) {
          result = await call(req, 'mutation { logoutEverywhere }', {}, str('accessToken'));
          if (result.errors?.length) return clearSession(req, { error: result.errors[0] });
        } else if (token) {
          recent.delete(await digest(token));
          await call(req, 'mutation($t:String!){ logout(refreshToken:$t) }', { t: token });
        }
        return clearSession(req, { ok: true });
      }
      default:
        return fail({ message: `no such session action: ${action}`, extensions: { code: 'NOT_FOUND' } }, 404);
    }
  } catch {
    return fail({ message: 'knowledge-api cannot be reached', extensions: { code: 'NETWORK' } }, 502);
  }
}
