// The admin console (api-gateway's /admin/, issue 13) in a real browser on the running stack: the demo admin signs
// in with password and TOTP, connects a Google account through the consent page (the emulator plays Google),
// presses "Sync now", watches the job finish on the self-reloading jobs page and opens its notes.
import { readFileSync } from 'node:fs';
import { test, expect, request } from '@playwright/test';
import { artifacts, browserPage, totp } from './helpers';

// The console is the gateway's own, whatever origin the app's specs use.
const gateway = process.env.KN_GATEWAY_URL || 'http://127.0.0.1:8080';
const emulators = process.env.KN_EMULATORS_URL || 'http://127.0.0.1:8089';

/** The demo admin bin/stack seeded: KEY=value lines, values possibly single-quoted. */
function demoAdmin() {
  const file = process.env.KN_DEMO_CREDENTIALS || '../.local/stack/demo-credentials.txt';
  const values = Object.fromEntries(readFileSync(file, 'utf8').split('\n')
    .filter((line) => /^DEMO_[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).replace(/^'(.*)'$/, '$1')]));
  return { email: values.DEMO_EMAIL, password: values.DEMO_PASSWORD, secret: values.DEMO_TOTP_SECRET };
}

test('admin console: sign in with TOTP, connect Google, sync now, watch the job finish, open its notes', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = demoAdmin();
  const api = await request.newContext();
  // The Keep account to connect, with two notes, and a Notion database shared with a fresh integration token.
  const keepUser = `console-${Date.now()}@e2e.example.org`;
  const notes = [
    { id: 'console-1', title: 'Console groceries', body: { text: { text: 'milk, bread' } } },
    { id: 'console-2', title: 'Console ideas', body: { text: { text: 'a console that works' } } },
  ];
  expect((await api.post(`${emulators}/_emulator/keep/users/${keepUser}/notes`, { data: notes })).status()).toBe(201);
  const notionToken = `secret_console_${Date.now()}`;
  expect((await api.post(`${emulators}/_emulator/notion/tokens`, { data: { token: notionToken, rate: 3, burst: 3 } })).ok()).toBe(true);
  const database = await (await api.post(`${emulators}/_emulator/notion/databases`,
    { data: { token: notionToken, title: 'Keep (console test)', properties: { Name: 'title' } } })).json();

  const connection = `Console test ${Date.now()}`;
  const page = await browserPage(browser);
  await page.goto(`${gateway}/admin/login`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  // A code is good once: when an earlier sign-in of the demo admin spent this window's, the next window's is used.
  for (let attempt = 0; ; attempt++) {
    await page.getByLabel('Code from your authenticator app').fill(totp(admin.secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    if (!page.url().includes('/admin/login/mfa') || attempt === 1) break;
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  await expect(page).toHaveURL(/\/admin\/?$/);

  await page.goto(`${gateway}/admin/connections`);
  await page.getByLabel('Name', { exact: true }).fill(connection);
  await page.getByLabel(/A Google account/).check();
  await page.getByLabel('Notion database id').fill(database.id);
  await page.getByLabel('Notion integration token').fill(notionToken);
  await page.getByRole('button', { name: 'Create connection' }).click();
  // Google's consent page (the emulator's): the account that grants access to its Keep.
  await expect(page).toHaveURL(/\/google\/o\/oauth2\/v2\/auth/);
  await page.getByLabel('Email', { exact: true }).fill(keepUser);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/admin\/connections\?created=1/);
  await page.getByRole('button', { name: `Sync now: ${connection}` }).click();
  await expect(page).toHaveURL(/\/admin\/connections\/[^/]+\/jobs/);
  // The page reloads itself while the job runs.
  await expect(page.getByRole('cell', { name: /^SUCCEEDED/ }).first()).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: `${artifacts}/console-job.png` });
  await page.getByRole('link', { name: 'Notes' }).first().click();
  await expect(page.getByText('Console groceries')).toBeVisible();
  await expect(page.getByText('Console ideas')).toBeVisible();
  await page.screenshot({ path: `${artifacts}/console-notes.png` });
});
