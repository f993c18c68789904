import { test, expect } from '@playwright/test';
import { apiContext, artifacts, browserPage, closeContexts, createDoc, editorText, newUser, openDoc, signIn, workspaceWith, PASSWORD } from './helpers';

test.afterEach(closeContexts);

test('register, create a workspace and a document in the browser', async ({ page }) => {
  const email = `ui-${Date.now()}@e2e.example.org`;
  await page.goto('/register');
  await page.getByLabel('Your name').fill('Una');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Workspaces' })).toBeVisible();
  await page.getByLabel('New workspace name').fill('Una’s notes');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByLabel('New document title').fill('First thoughts');
  await page.getByRole('button', { name: 'Create document' }).click();
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await page.locator('.cm-content').click();
  await page.keyboard.type('# Hello\n\nWritten in the **browser**.');
  await expect(page.getByTestId('preview').locator('h1')).toHaveText('Hello');
  await expect(page.getByTestId('doc-tree')).toContainText('First thoughts');
  // The session survives a reload (refresh-token cookie), the access token is nowhere in storage.
  await page.reload();
  await expect(page.getByTestId('whoami')).toHaveText('Una');
  expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie)).not.toMatch(/ey[A-Za-z0-9_-]{20,}/);
});

test('two browsers co-edit one document and converge', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada'), bob = await newUser(api, 'Bob');
  const ws = await workspaceWith(api, ada, [[bob, 'EDITOR']]);
  const doc = await createDoc(api, ada, ws, 'Shared plan', 'Line one\n');
  const a = await browserPage(browser), b = await browserPage(browser);
  await signIn(a, ada); await signIn(b, bob);
  await openDoc(a, doc); await openDoc(b, doc);

  await a.locator('.cm-content').click();
  await a.keyboard.press('Control+End');
  await b.locator('.cm-content').click();
  await b.keyboard.press('Control+Home');
  // Both type at once.
  await Promise.all([a.keyboard.type('Ada was here. ', { delay: 15 }), b.keyboard.type('Bob too. ', { delay: 15 })]);
  await expect.poll(async () => (await editorText(a)) === (await editorText(b)) && (await editorText(a)).includes('Ada was here.') && (await editorText(a)).includes('Bob too.'), { timeout: 20_000 }).toBe(true);
  // The other's cursor is drawn with their name.
  await expect(a.locator('.cm-remote-name', { hasText: 'Bob' })).toBeVisible();
  await a.screenshot({ path: `${artifacts}/web-coedit-ada.png` });
  await b.screenshot({ path: `${artifacts}/web-coedit-bob.png` });

  // Offline edits reach the other browser after the reconnect.
  await a.evaluate(() => (window as any).__knCollab.simulateDisconnect());
  await a.keyboard.type(' Typed offline.');
  await expect(a.getByTestId('collab-status')).toContainText('online', { timeout: 20_000 });
  await expect.poll(() => editorText(b), { timeout: 20_000 }).toContain('Typed offline.');
  expect(await editorText(a)).toBe(await editorText(b));
});

test('a viewer cannot type', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada'), vic = await newUser(api, 'Vic');
  const ws = await workspaceWith(api, ada, [[vic, 'VIEWER']]);
  const doc = await createDoc(api, ada, ws, 'Read only', 'Look, do not touch.');
  const page = await browserPage(browser);
  await signIn(page, vic);
  await openDoc(page, doc);
  await expect(page.getByTestId('collab-status')).toContainText('read only');
  await expect(page.locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
  await page.locator('.cm-content').click();
  await page.keyboard.type('vandalism');
  expect(await editorText(page)).toBe('Look, do not touch.');
  await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0);
});

test('a wiki link shows up as a backlink', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada');
  const ws = await workspaceWith(api, ada);
  const target = await createDoc(api, ada, ws, 'Graph Theory', 'Vertices and edges.');
  const source = await createDoc(api, ada, ws, 'Euler', 'Bridges. ');
  const page = await browserPage(browser);
  await signIn(page, ada);
  await openDoc(page, source);
  await expect(page.getByTestId('doc-tree')).toContainText('Graph Theory'); // the titles completion offers
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('See [[Graph');
  // Completion of document titles after [[
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'Graph Theory' });
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.locator('.cm-content')).toContainText('See [[Graph Theory]]');
  await expect(page.getByTestId('preview').getByRole('link', { name: 'Graph Theory' })).toBeVisible();
  // collab-websocket saves 2 s after the last edit; then the target lists the source.
  // The open page re-reads its backlinks every 5 s.
  await page.getByRole('link', { name: 'Graph Theory' }).first().click();
  await expect(page).toHaveURL(new RegExp(target));
  await expect(page.getByTestId('backlinks').getByRole('link', { name: 'Euler' })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${artifacts}/web-backlinks.png` });
});

test('an address cut short says which id it lacks; a page loads without a failed request', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada');
  const page = await browserPage(browser);
  // The browser's own requests too (the tab's icon), which Playwright's response events leave out.
  const failed: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' && m.text().startsWith('Failed to load resource')) failed.push(`${page.url()}: ${m.text()}`); });
  await signIn(page, ada);
  expect(failed).toEqual([]);
  for (const [path, what] of [['/graph', 'workspace'], ['/members?ws=', 'workspace'], ['/workspace', 'workspace'], ['/doc?id=', 'document']]) {
    await page.goto(path);
    await expect(page.locator('p.error[role="alert"]')).toContainText(`This address names no ${what}`);
  }
});

test('search finds the new text', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada');
  const ws = await workspaceWith(api, ada);
  const doc = await createDoc(api, ada, ws, 'Field notes', 'Start. ');
  const word = `quokka${Date.now().toString(36)}`;
  const page = await browserPage(browser);
  await signIn(page, ada);
  await openDoc(page, doc);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`Saw a ${word} today.`);
  await page.goto('/search');
  await expect.poll(async () => {
    await page.getByLabel('Search your documents').fill(word);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForTimeout(300);
    return page.getByTestId('search-results').locator('em', { hasText: word }).count();
  }, { timeout: 45_000, intervals: [1000, 2000, 3000] }).toBeGreaterThan(0);
  await expect(page.getByRole('group', { name: 'Workspaces' })).toContainText('E2E');
  await page.screenshot({ path: `${artifacts}/web-search.png` });
  // Suggest as you type
  await page.getByLabel('Search your documents').fill('Field no');
  await expect(page.getByRole('listbox', { name: 'Title suggestions' })).toContainText('Field notes');
});
