// The peer page of bench/web: CodeMirror 6 bound to ShareDB 7 (its own browser client) with the same
// ot-text-unicode type and the same CodeMirror extensions as the web app's editor (history, keymap,
// Markdown, line wrapping), so the figures compare the two stacks, not two editors. Bundled by peer/serve.mjs.
import ShareDB from 'sharedb/lib/client';
import { type } from 'ot-text-unicode';
import { EditorState, Annotation } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { changesToOp, opToChanges } from '../../../web/lib/unicode';

ShareDB.types.register(type);
const remote = Annotation.define();
const params = new URLSearchParams(location.search);
const connection = new ShareDB.Connection(new WebSocket(params.get('ws')));
const doc = connection.get('bench', params.get('doc'));
doc.subscribe((err) => {
  if (err) throw err;
  const view = new EditorView({
    parent: document.getElementById('editor'),
    state: EditorState.create({
      doc: doc.data,
      extensions: [history(), keymap.of([...defaultKeymap, ...historyKeymap]), markdown(), syntaxHighlighting(defaultHighlightStyle), EditorView.lineWrapping,
        EditorView.updateListener.of((u) => {
          for (const tr of u.transactions) {
            if (!tr.docChanged || tr.annotation(remote)) continue;
            const before = tr.startState.doc.toString();
            const changes = [];
            tr.changes.iterChanges((fromA, toA, _fb, _tb, inserted) => changes.push({ from: fromA, to: toA, insert: inserted.toString() }));
            doc.submitOp(changesToOp(before, changes));
          }
        })],
    }),
  });
  doc.on('op', (op, source) => {
    if (source) return; // our own
    const before = view.state.doc.toString();
    view.dispatch({ changes: opToChanges(before, op), annotations: remote.of(true) });
  });
  window.__knEditor = view;
  document.getElementById('editor').dataset.ready = 'true';
  document.getElementById('status').textContent = 'online';
});
