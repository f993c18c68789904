// readAnswer: GraphQL answers and the gateway's problem+json become data or a sentence, never a crash on `data`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAnswer } from './answer';
import { GqlError } from './errors';

function refused(status: number, body: unknown): GqlError {
  try {
    readAnswer(status, body);
  } catch (e) {
    assert.ok(e instanceof GqlError);
    return e;
  }
  assert.fail('expected a GqlError');
}

test('the data of a GraphQL answer', () => {
  assert.deepEqual(readAnswer(200, { data: { me: { id: 'u1' } } }), { me: { id: 'u1' } });
});

test('the first GraphQL error, with its code', () => {
  const e = refused(200, { data: null, errors: [{ message: 'Document not found', extensions: { code: 'NOT_FOUND' } }] });
  assert.equal(e.code, 'NOT_FOUND');
  assert.equal(e.message, 'It does not exist, or you may not see it.');
});

test("the gateway's 429 problem+json is a rate limit naming the problem", () => {
  const e = refused(429, { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Request rate limit exceeded' });
  assert.equal(e.code, 'RATE_LIMITED');
  assert.equal(e.message, 'Too many attempts: Too Many Requests: Request rate limit exceeded');
});

test('a 503 problem+json (a service down or in maintenance) says the service is unavailable', () => {
  const e = refused(503, { title: 'Service Unavailable', detail: 'knowledge-api is not answering' });
  assert.equal(e.code, 'UNAVAILABLE');
  assert.match(e.message, /unavailable right now \(Service Unavailable: knowledge-api is not answering\)/);
});

test('an answer that is not JSON is a network failure from a 5xx, and names the status', () => {
  assert.equal(refused(502, undefined).code, 'NETWORK');
  assert.equal(refused(400, undefined).message, 'The server failed: HTTP 400');
});
