// What a POST /graphql answered, as data or a GqlError. Apart from gql() so it can be tested without a browser.
import { GqlError } from './errors';

/**
 * The data of a GraphQL answer; its first error as a GqlError; or, for an answer that is not GraphQL at all (the
 * gateway's problem+json: 429 rate limit, 502/503/504 a service down or in maintenance, 413 too large), a GqlError
 * whose sentence carries the problem's title and detail. `body` is undefined when the answer was not JSON.
 */
export function readAnswer<T>(status: number, body: any): T {
  if (body === undefined) {
    throw new GqlError({ message: `HTTP ${status}`, extensions: { code: status >= 500 ? 'NETWORK' : 'INTERNAL_SERVER_ERROR' } });
  }
  if (body?.errors?.length) throw new GqlError(body.errors[0]);
  if (body?.data == null) {
    const detail = [body?.title, body?.detail].filter(Boolean).join(': ') || `HTTP ${status}`;
    const code = status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'UNAVAILABLE' : 'INTERNAL_SERVER_ERROR';
    throw new GqlError({ message: detail, extensions: { code } });
  }
  return body.data as T;
}
