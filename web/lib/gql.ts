// The browser's GraphQL client: relative /graphql (the gateway's origin), the in-memory access token.
import { GqlError } from './errors';
import { auth } from './auth';
import { readAnswer } from './answer';

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
  const body = await res.json().catch(() => undefined);
  return readAnswer<T>(res.status, body);
}
