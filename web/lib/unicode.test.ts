import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type as textType } from 'ot-text-unicode';
import { changesToOp, cpToUtf16, opToChanges, utf16ToCp } from './unicode';
import { describeError } from './errors';
import { diffLines } from './diff';
import { buildTree, descendants } from './api';

const applyChanges = (text: string, changes: { from: number; to: number; insert: string }[]) => {
  let out = '', pos = 0;
  for (const c of changes) { out += text.slice(pos, c.from) + c.insert; pos = c.to; }
  return out + text.slice(pos);
};

test('code points and UTF-16 offsets convert both ways around emoji', () => {
  const t = 'a😀b🎉c';
  assert.equal(cpToUtf16(t, 2), 3);
  assert.equal(utf16ToCp(t, 3), 2);
  assert.equal(cpToUtf16(t, 5), t.length);
});

test('CodeMirror changes become the ot-text-unicode op that makes the same text', () => {
  const t = 'x😀 hello world';
  const changes = [{ from: 1, to: 3, insert: '🙂' }, { from: 4, to: 9, insert: 'HELLO' }, { from: t.length, to: t.length, insert: '!' }];
  const op = changesToOp(t, changes);
  assert.equal(textType.apply(t, op), applyChanges(t, changes));
});

test('an op becomes CodeMirror changes that make the same text', () => {
  const t = '😀😀 abc';
  const op = [1, { d: 1 }, 2, 'Z', { d: 1 }];
  assert.equal(applyChanges(t, opToChanges(t, op)), textType.apply(t, op));
});

test('error codes become sentences; reasons win', () => {
  assert.match(describeError({ extensions: { code: 'FORBIDDEN' } }), /role/);
  assert.match(describeError({ extensions: { code: 'UNAUTHENTICATED', reason: 'MFA_LOCKED' } }), /administrator to unlock/);
  assert.match(describeError({ message: 'title: must not be blank', extensions: { code: 'BAD_USER_INPUT' } }), /title: must not be blank/);
  assert.match(describeError({ extensions: { code: 'SEARCH_UNAVAILABLE' } }), /Search is unavailable/);
});

test('line diff marks added and removed lines', () => {
  const d = diffLines('a\nb\nc', 'a\nB\nc\nd');
  assert.deepEqual(d.map((l) => `${l.kind}:${l.text}`), ['same:a', 'del:b', 'add:B', 'same:c', 'add:d']);
});

test('the document tree nests by parent, and a document cannot move below itself', () => {
  const docs = [
    { id: '1', title: 'B', parentId: null, status: 'ACTIVE', revision: 1, tags: [] },
    { id: '2', title: 'A', parentId: null, status: 'ACTIVE', revision: 1, tags: [] },
    { id: '3', title: 'child', parentId: '1', status: 'ACTIVE', revision: 1, tags: [] },
    { id: '4', title: 'grandchild', parentId: '3', status: 'ACTIVE', revision: 1, tags: [] },
  ];
  const tree = buildTree(docs);
  assert.deepEqual(tree.map((n) => n.title), ['A', 'B']);
  assert.equal(tree[1].children[0].children[0].id, '4');
  assert.deepEqual([...descendants(docs, '1')].sort(), ['1', '3', '4']);
});
