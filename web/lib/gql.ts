// The browser's GraphQL client: relative /graphql (the gateway's origin), the in-memory access token.
import { GqlError } from './errors';
import { auth } from './auth';

export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = await auth.freshToken();
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GqlError({ extensions: { code: 'NETWORK' } });
  }
  if (res.status === 401) {
    // The token was refused (revoked, or the clock moved): one refresh, one retry.
    const again = await auth.refreshNow().catch(() => null);
    if (again) return gql<T>(query, variables);
    throw new GqlError({ extensions: { code: 'UNAUTHENTICATED' } });
  }
  let body: any;
  try {
    body = await res.json();
  } catch {
    throw new GqlError({ message: `HTTP ${res.status}`, extensions: { code: res.status >= 500 ? 'NETWORK' : 'INTERNAL_SERVER_ERROR' } });
  }
  if (body.errors?.length) throw new GqlError(body.errors[0]);
  if (body.data == null) {
    // Not a GraphQL answer: the gateway's problem+json (429 rate limit, 502/503/504 service down or
    // in maintenance, 413 too large), which names the problem in its detail.
    const detail = [body.title, body.detail].filter(Boolean).join(': ') || `HTTP ${res.status}`;
    const code = res.status === 429 ? 'RATE_LIMITED' : res.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL_SERVER_ERROR';
    throw new GqlError({ message: detail, extensions: { code } });
  }
  return body.data as T;
}
