// Keyboard use and labels: axe-core (npm @axe-core/playwright) on the main pages finds no critical nor
// serious violation, and a person signs in, opens a document and acts on it with the keyboard alone.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { apiContext, browserPage, closeContexts, createDoc, gql, newUser, openDoc, signIn, workspaceWith, PASSWORD } from './helpers';

test.afterEach(closeContexts);

/** The violations axe reports at the impacts that block people, in a line each (rule, impact, where). */
async function blocking(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('no critical or serious accessibility violation on the main pages', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada');
  const ws = await workspaceWith(api, ada);
  const target = await createDoc(api, ada, ws, 'Target', 'Plain.');
  const doc = await createDoc(api, ada, ws, 'Checked', '# Heading\n\nSee [[Target]].\n');
  await gql(api, 'mutation($d:ID!,$b:String!){ addComment(documentId:$d, body:$b){ id } }', { d: doc, b: 'A note.' }, ada.token);
  const page = await browserPage(browser);
  const found: Record<string, string[]> = {};
  for (const path of ['/', '/login', '/register']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    found[path] = await blocking(page);
  }
  await signIn(page, ada);
  const pages: [string, () => Promise<unknown>][] = [
    ['/workspaces', () => expect(page.getByTestId('workspace-list')).toBeVisible()],
    [`/workspace?id=${ws}`, () => expect(page.getByTestId('doc-tree')).toContainText('Checked')],
    [`/doc?id=${doc}`, async () => {
      await expect(page.getByTestId('collab-status')).toContainText('online');
      await expect(page.getByTestId('preview').getByRole('link', { name: 'Target' })).toBeVisible();
      await page.getByRole('button', { name: /^Comments/ }).click();
      await expect(page.getByText('A note.')).toBeVisible();
    }],
    [`/members?ws=${ws}`, () => expect(page.getByLabel(`Role of ${ada.email}`)).toBeVisible()],
    ['/search', () => expect(page.getByLabel('Search your documents')).toBeVisible()],
    [`/graph?ws=${ws}`, () => expect(page.getByTestId('graph')).toBeVisible()],
    ['/account', () => expect(page.getByRole('button', { name: 'Sign out everywhere' })).toBeVisible()],
  ];
  for (const [path, ready] of pages) {
    await page.goto(path);
    await ready();
    found[path] = await blocking(page);
  }
  expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length))).toEqual({});
  void target;
});

test('keyboard only: skip link, sign in, open a document from the tree and the graph', async ({ browser }) => {
  const api = await apiContext();
  const kim = await newUser(api, 'Kim');
  const ws = await workspaceWith(api, kim);
  const doc = await createDoc(api, kim, ws, 'Keys', 'Typed without a mouse.');
  const page = await browserPage(browser);
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The first Tab reaches the skip link; following it skips the header's links.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type(kim.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('whoami')).toHaveText('Kim');

  // Every control on the document page has a name a screen reader can say.
  await openDoc(page, doc);
  const unnamed = await page.locator('main').evaluate((main) => [...main.querySelectorAll('input, select, textarea, button, [role=textbox]')]
    .filter((el) => !(el as HTMLElement).closest('[aria-hidden=true]'))
    .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent!.trim())))
    .map((el) => el.outerHTML.slice(0, 80)));
  expect(unnamed).toEqual([]);
  // The editor is reachable with Tab and takes typing.
  await page.getByLabel('Tags').focus();
  await page.keyboard.press('Tab'); // Save tags
  await page.keyboard.press('Tab'); // the editor
  await expect(page.locator('.cm-content')).toBeFocused();

  // The graph's nodes are links: focus one, Enter opens it.
  await page.goto(`/graph?ws=${ws}`);
  const node = page.getByTestId('graph').getByRole('link', { name: 'Keys' });
  await node.focus();
  await expect(node).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/doc\\?id=${doc}`));
});
