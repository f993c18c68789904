// Working with a workspace in the browser: members and roles, comments, versions, the knowledge graph,
// moving (menu and drag), archive/trash/restore and tags. Setup goes through the API; the acts through the UI.
import { test, expect, type Page } from '@playwright/test';
import { apiContext, apiDoc, artifacts, browserPage, closeContexts, createDoc, editorText, gql, newUser, openDoc, signIn, workspaceWith } from './helpers';

test.afterEach(closeContexts);

test('members: the owner adds a member, changes the role, the member sees the workspace', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada'), bob = await newUser(api, 'Bob');
  const ws = await workspaceWith(api, ada);
  const a = await browserPage(browser);
  await signIn(a, ada);
  await a.goto(`/workspace?id=${ws}`);
  await a.getByRole('link', { name: 'Members' }).click();
  await a.getByLabel('Email of a registered user').fill(bob.email);
  await a.getByLabel('Role', { exact: true }).selectOption('VIEWER');
  await a.getByRole('button', { name: 'Add member' }).click();
  await expect(a.getByRole('status')).toHaveText(`Added ${bob.email}.`);
  const bobsRole = a.getByLabel(`Role of ${bob.email}`);
  await expect(bobsRole).toHaveValue('VIEWER');
  await bobsRole.selectOption('EDITOR');
  await expect(a.getByRole('status')).toHaveText('Role changed.');
  await a.reload();
  await expect(a.getByLabel(`Role of ${bob.email}`)).toHaveValue('EDITOR');

  const b = await browserPage(browser);
  await signIn(b, bob);
  const entry = b.getByTestId('workspace-list').getByRole('listitem').filter({ hasText: 'E2E' });
  await expect(entry).toContainText('(editor)');
  await entry.getByRole('link').click();
  await expect(b.getByLabel('New document title')).toBeVisible(); // an editor may create documents
});

test('comments: add, reply, resolve and reopen', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada');
  const ws = await workspaceWith(api, ada);
  const doc = await createDoc(api, ada, ws, 'Discussed', 'Open questions.');
  const page = await browserPage(browser);
  await signIn(page, ada);
  await openDoc(page, doc);
  await page.getByRole('button', { name: /^Comments/ }).click();
  const panel = page.getByRole('complementary', { name: 'Comments' });
  await panel.getByLabel('New comment').fill('Is this still true?');
  await panel.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(panel.getByText('Is this still true?')).toBeVisible();
  await panel.getByLabel('Reply to Ada').fill('Yes, checked today.');
  await panel.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(panel.locator('.replies')).toContainText('Yes, checked today.');
  await expect(panel.getByLabel('Reply to Ada')).toHaveValue('');
  await panel.getByRole('button', { name: 'Resolve' }).click();
  await expect(panel.getByText('(resolved)')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Reopen' })).toBeVisible();
  // The count on the button follows (the page re-reads the document every 5 s).
  await expect(page.getByRole('button', { name: /^Comments \(2\)/ })).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: `${artifacts}/web-comments.png` });
  await panel.getByRole('button', { name: 'Reopen' }).click();
  await expect(panel.getByText('(resolved)')).toHaveCount(0);
});

test('versions: the diff against the current text, restore an older version', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada');
  const ws = await workspaceWith(api, ada);
  const doc = await createDoc(api, ada, ws, 'Recipe', 'Flour\nSugar\n');
  const r = (await apiDoc(api, ada, doc)).revision;
  await gql(api, 'mutation($id:ID!,$r:Int!,$c:String!){ updateDocument(id:$id, expectedRevision:$r, changes:{content:$c}){ revision } }', { id: doc, r, c: 'Flour\nSalt\n' }, ada.token);
  const page = await browserPage(browser);
  await signIn(page, ada);
  await openDoc(page, doc);
  expect(await editorText(page)).toBe('Flour\nSalt\n');
  await page.getByRole('button', { name: 'Versions' }).click();
  const panel = page.getByRole('complementary', { name: 'Versions' });
  await panel.getByRole('button', { name: `Revision ${r}`, exact: true }).click();
  const diff = panel.getByTestId('diff');
  await expect(diff.locator('.del')).toHaveText('− Sugar');
  await expect(diff.locator('.add')).toHaveText('+ Salt');
  await page.screenshot({ path: `${artifacts}/web-versions.png` });
  await panel.getByRole('button', { name: `Restore revision ${r}` }).click();
  // The restore is a content change on a live document: it reaches the open editor as an operation.
  await expect.poll(() => editorText(page)).toBe('Flour\nSugar\n');
  await expect.poll(async () => (await apiDoc(api, ada, doc)).content).toBe('Flour\nSugar\n');
});

test('knowledge graph: the whole workspace in one query, trashed documents left out, a click opens the document', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada');
  const ws = await workspaceWith(api, ada);
  const target = await createDoc(api, ada, ws, 'Bridges', 'Seven of them.');
  await createDoc(api, ada, ws, 'Königsberg', 'Has [[Bridges]].');
  await createDoc(api, ada, ws, 'Loner', 'Links nowhere.');
  const trashed = await createDoc(api, ada, ws, 'Thrown away', 'Also [[Bridges]].');
  await gql(api, 'mutation($id:ID!){ trashDocument(id:$id){ status } }', { id: trashed }, ada.token);
  const page = await browserPage(browser);
  await signIn(page, ada);
  await page.goto(`/workspace?id=${ws}`);
  await page.getByRole('link', { name: 'Graph' }).click();
  const graph = page.getByTestId('graph');
  await expect(graph).toHaveAttribute('aria-label', 'Graph of 3 documents and 1 links');
  await expect(graph.locator('line')).toHaveCount(1);
  await page.screenshot({ path: `${artifacts}/web-graph.png` });
  await graph.getByRole('link', { name: 'Bridges' }).click();
  await expect(page).toHaveURL(new RegExp(`/doc\\?id=${target}`));
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Bridges');
});

/** The sidebar entry of a document: its own <li>, whose nested list holds its children. */
const treeItem = (page: Page, title: string) => page.getByTestId('doc-tree').getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) }).last();

test('move a document with the menu and by dragging it in the tree', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada');
  const ws = await workspaceWith(api, ada);
  const projects = await createDoc(api, ada, ws, 'Projects', '');
  const garden = await createDoc(api, ada, ws, 'Garden', '');
  const seeds = await createDoc(api, ada, ws, 'Seeds', '');
  const page = await browserPage(browser);
  await signIn(page, ada);
  await openDoc(page, garden);
  await page.getByLabel('Move under').selectOption({ label: 'Projects' });
  await expect(treeItem(page, 'Projects').getByRole('link', { name: 'Garden' })).toBeVisible();
  expect((await apiDoc(api, ada, garden)).parentId).toBe(projects);
  // Drag a document onto one nested in the tree: it goes under that one, not under its ancestors. A drop that
  // bubbled to the enclosing entries would send a move for each; by the time the tree shows the first move's
  // result, every move the drop started has been sent, so counting them then is not a race with the API.
  const moves: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/graphql') && (r.postData() ?? '').includes('moveDocument')) moves.push(r.postData()!); });
  const entry = (title: string) => page.getByTestId('doc-tree').getByRole('link', { name: title, exact: true });
  await entry('Seeds').dragTo(entry('Garden'));
  await expect(treeItem(page, 'Garden').getByRole('link', { name: 'Seeds' })).toBeVisible();
  await expect.poll(async () => (await apiDoc(api, ada, seeds)).parentId).toBe(garden);
  expect(moves).toHaveLength(1);
  // Drag the nested one (with its child) onto the "Documents" heading: back to the top level.
  await entry('Garden').dragTo(page.getByRole('heading', { name: /^Documents/ }));
  await expect(page.getByLabel('Move under')).toHaveValue('');
  await expect(treeItem(page, 'Projects').getByRole('link', { name: 'Garden' })).toHaveCount(0);
  expect(moves).toHaveLength(2);
  expect((await apiDoc(api, ada, garden)).parentId).toBeNull();
  expect((await apiDoc(api, ada, projects)).parentId).toBeNull();
  expect((await apiDoc(api, ada, seeds)).parentId).toBe(garden);
});

test('archive, unarchive, trash and restore; tags', async ({ browser }) => {
  const api = await apiContext();
  const ada = await newUser(api, 'Ada');
  const ws = await workspaceWith(api, ada);
  const doc = await createDoc(api, ada, ws, 'Old plan', 'Plan A.');
  const page = await browserPage(browser);
  await signIn(page, ada);
  await openDoc(page, doc);

  // Tags are kept lower-cased (knowledge-api compares them that way).
  await page.getByLabel('Tags').fill('planning, Q3 ');
  await page.getByRole('button', { name: 'Save tags' }).click();
  await expect.poll(async () => (await apiDoc(api, ada, doc)).tags).toEqual(['planning', 'q3']);
  await page.reload();
  await expect(page.getByLabel('Tags')).toHaveValue('planning, q3');

  const sidebar = page.getByRole('navigation', { name: 'Documents' });
  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByTestId('collab-status')).toHaveText('archived');
  await expect(sidebar.getByRole('heading', { name: 'Archived' })).toBeVisible();
  await expect(page.getByTestId('doc-tree')).not.toContainText('Old plan');
  await expect(page.locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
  await page.getByRole('button', { name: 'Unarchive' }).click();
  await expect(page.getByTestId('collab-status')).toContainText('online');
  await expect(page.getByTestId('doc-tree')).toContainText('Old plan');

  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByTestId('collab-status')).toHaveText('trashed');
  await expect(page.getByText('This document is in the trash')).toBeVisible();
  await expect(sidebar.getByRole('heading', { name: 'Trash' })).toBeVisible();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('collab-status')).toContainText('online');
  await expect(sidebar.getByRole('heading', { name: 'Trash' })).toHaveCount(0);
  expect(await editorText(page)).toBe('Plan A.');
  expect((await apiDoc(api, ada, doc)).status).toBe('ACTIVE');
});
