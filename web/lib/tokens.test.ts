import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenManager, type Session } from './tokens';

function setup(sessions: (Session | null)[], leadSeconds = 60) {
  let now = 1_000_000;
  const timers: { at: number; fn: () => void }[] = [];
  let calls = 0;
  const tm = new TokenManager({
    refresh: async () => { calls++; return sessions.shift() ?? null; },
    now: () => now,
    setTimer: (fn, ms) => { const t = { at: now + ms, fn }; timers.push(t); return t; },
    clearTimer: (h) => { const i = timers.indexOf(h as any); if (i >= 0) timers.splice(i, 1); },
    leadSeconds,
  });
  const advance = async (ms: number) => {
    now += ms;
    for (const t of [...timers]) if (t.at <= now) { timers.splice(timers.indexOf(t), 1); t.fn(); }
    await new Promise((r) => setTimeout(r, 0));
  };
  return { tm, advance, calls: () => calls, timers };
}

test('the first call restores the session from the refresh cookie', async () => {
  const s = setup([{ accessToken: 'A1', expiresIn: 900, user: { id: 'u', email: 'e', displayName: 'Ada' } }]);
  assert.equal(await s.tm.freshToken(), 'A1');
  assert.equal(s.tm.user?.displayName, 'Ada');
  assert.equal(await s.tm.freshToken(), 'A1');
  assert.equal(s.calls(), 1);
});

test('no session: one refresh attempt, then null without asking again', async () => {
  const s = setup([null]);
  assert.equal(await s.tm.freshToken(), null);
  assert.equal(await s.tm.freshToken(), null);
  assert.equal(s.calls(), 1);
});

test('the token is refreshed silently a minute before it expires', async () => {
  const s = setup([{ accessToken: 'A2', expiresIn: 900 }]);
  s.tm.accept({ accessToken: 'A1', expiresIn: 900 });
  await s.advance(839_000);
  assert.equal(s.calls(), 0);
  await s.advance(1_000);
  assert.equal(s.calls(), 1);
  assert.equal(await s.tm.freshToken(), 'A2');
});

test('concurrent callers share one refresh (a refresh token works once)', async () => {
  const s = setup([{ accessToken: 'A2', expiresIn: 900 }, { accessToken: 'A3', expiresIn: 900 }], 0);
  s.tm.accept({ accessToken: 'A1', expiresIn: 900 });
  await s.advance(898_000); // too close to expiry to use; the timer has not fired yet
  assert.equal(s.calls(), 0);
  const got = await Promise.all([s.tm.freshToken(), s.tm.freshToken(), s.tm.refreshNow()]);
  assert.deepEqual(got, ['A2', 'A2', 'A2']);
  assert.equal(s.calls(), 1);
});

test('a refused refresh signs the user out', async () => {
  const s = setup([null]);
  const seen: unknown[] = [];
  s.tm.onChange((u) => seen.push(u));
  s.tm.accept({ accessToken: 'A1', expiresIn: 900, user: { id: 'u', email: 'e', displayName: 'Ada' } });
  await s.advance(840_000);
  assert.equal(s.tm.signedIn, false);
  assert.equal(s.tm.user, null);
  assert.equal(seen.at(-1), null);
});

test('clear() stops the refresh timer (sign out)', async () => {
  const s = setup([{ accessToken: 'A2', expiresIn: 900 }]);
  s.tm.accept({ accessToken: 'A1', expiresIn: 900 });
  s.tm.clear();
  await s.advance(900_000);
  assert.equal(s.calls(), 0);
  assert.equal(await s.tm.freshToken(), null);
});
