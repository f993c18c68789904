'use client';
// CodeMirror 6 bound to collab-websocket through lib/collab.ts: local changes become ot-text-unicode
// operations (code points), remote ones become CodeMirror changes; the others' cursors are drawn
// with their names; `[[` completes document titles.
import { useEffect, useRef, useState } from 'react';
import { Annotation, Compartment, EditorState, StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, WidgetType, keymap } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { autocompletion, type CompletionContext } from '@codemirror/autocomplete';
import { CollabClient, type Peer, type Status } from '@/lib/collab';
import { auth } from '@/lib/auth';
import { changesToOp, cpToUtf16, opToChanges, utf16ToCp, type Change } from '@/lib/unicode';
import { describeCollabClose } from '@/lib/errors';

const remote = Annotation.define<boolean>();
type Caret = { name: string; color: string; from: number; to: number; head: number };
const setCarets = StateEffect.define<Caret[]>();

class CaretWidget extends WidgetType {
  constructor(readonly name: string, readonly color: string) { super(); }
  eq(other: CaretWidget) { return other.name === this.name && other.color === this.color; }
  toDOM() {
    const el = document.createElement('span');
    el.className = 'cm-remote-caret';
    el.style.borderColor = this.color;
    el.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.className = 'cm-remote-name';
    label.style.background = this.color;
    label.textContent = this.name;
    el.appendChild(label);
    return el;
  }
  ignoreEvent() { return true; }
}

const caretField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setCarets)) continue;
      const len = tr.state.doc.length;
      const ranges: Range<Decoration>[] = [];
      for (const c of e.value) {
        const from = Math.min(c.from, len), to = Math.min(c.to, len), head = Math.min(c.head, len);
        if (from < to) ranges.push(Decoration.mark({ attributes: { style: `background-color: ${c.color}33` } }).range(from, to));
        ranges.push(Decoration.widget({ widget: new CaretWidget(c.name, c.color), side: 1 }).range(head));
      }
      value = Decoration.set(ranges, true);
    }
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export type EditorInfo = { status: Status; detail?: string; canEdit: boolean; role: string; peers: Peer[] };

type Props = {
  documentId: string;
  name?: string;
  titles: () => string[];
  onInfo: (info: EditorInfo) => void;
  /** The text changed; `read` gives it (the editor does not build the string for every keystroke). */
  onText: (read: () => string) => void;
  onError: (message: string) => void;
};

export function Editor({ documentId, name, titles, onInfo, onText, onError }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const cb = useRef({ titles, onInfo, onText, onError });
  cb.current = { titles, onInfo, onText, onError };
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const editable = new Compartment();
    // The callbacks above it refer to it; it is created below, once the view exists.
    let client: CollabClient; // eslint-disable-line prefer-const
    let info: EditorInfo = { status: 'connecting', canEdit: false, role: '', peers: [] };
    const publish = (patch: Partial<EditorInfo>) => { info = { ...info, ...patch }; cb.current.onInfo(info); };

    const wikiLinks = (ctx: CompletionContext) => {
      const m = ctx.matchBefore(/\[\[[^\]\n|#]*/);
      if (!m) return null;
      return {
        from: m.from + 2,
        options: cb.current.titles().map((t) => ({ label: t, apply: `${t}]]`, type: 'text' })),
        validFor: /^[^\]\n|#]*$/,
      };
    };

    let lastSel = 0;
    let selTimer: ReturnType<typeof setTimeout> | null = null;
    const sendSelection = (view: EditorView) => {
      const send = () => {
        selTimer = null; lastSel = Date.now();
        const text = client.text ?? '';
        const s = view.state.selection.main;
        client.setSelection({ anchor: utf16ToCp(text, s.anchor), head: utf16ToCp(text, s.head) });
      };
      if (selTimer) return;
      const wait = Math.max(0, 60 - (Date.now() - lastSel));
      selTimer = setTimeout(send, wait);
    };

    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: '',
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          markdown(),
          syntaxHighlighting(defaultHighlightStyle),
          EditorView.lineWrapping,
          autocompletion({ override: [wikiLinks] }),
          caretField,
          editable.of([EditorState.readOnly.of(true), EditorView.editable.of(false)]),
          EditorView.contentAttributes.of({ 'aria-label': 'Document text (Markdown)' }),
          EditorView.updateListener.of((u) => {
            for (const tr of u.transactions) {
              if (!tr.docChanged || tr.annotation(remote)) continue;
              const before = tr.startState.doc.toString();
              const changes: Change[] = [];
              tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => { changes.push({ from: fromA, to: toA, insert: inserted.toString() }); });
              client.submit(changesToOp(before, changes));
            }
            if (u.docChanged) { const doc = u.state.doc; cb.current.onText(() => doc.toString()); }
            if (u.selectionSet && u.view.hasFocus) sendSelection(u.view);
          }),
        ],
      }),
    });

    const showPeers = (peers: Peer[]) => {
      const text = client.text ?? '';
      const carets: Caret[] = [];
      for (const p of peers) {
        if (!p.selection) continue;
        const a = cpToUtf16(text, p.selection.anchor), h = cpToUtf16(text, p.selection.head);
        carets.push({ name: p.name, color: p.color, from: Math.min(a, h), to: Math.max(a, h), head: h });
      }
      view.dispatch({ effects: setCarets.of(carets) });
      // The page shows who is here, not where their cursors are: a cursor's move renders the carets only.
      const shown = (ps: Peer[]) => ps.map((p) => `${p.client}\u0000${p.name}\u0000${p.color}`).join('\u0001');
      if (shown(peers) !== shown(info.peers)) publish({ peers });
    };

    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    client = new CollabClient({
      url: `${proto}://${location.host}/collab/${encodeURIComponent(documentId)}`,
      token: () => auth.freshToken(),
      name,
      socket: (url) => new WebSocket(url) as any,
      events: {
        snapshot: (text) => {
          view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: remote.of(true) });
          setReady(true);
        },
        remoteOp: (op, before) => {
          if (view.state.doc.toString() !== before) {
            // Never expected: the editor and the client disagree. Show the client's text, which the server agrees with.
            view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: client.text ?? '' }, annotations: remote.of(true) });
            return;
          }
          view.dispatch({ changes: opToChanges(before, op), annotations: remote.of(true) });
        },
        role: (role, canEdit) => {
          view.dispatch({ effects: editable.reconfigure([EditorState.readOnly.of(!canEdit), EditorView.editable.of(canEdit)]) });
          publish({ role, canEdit });
        },
        peers: showPeers,
        status: (status, detail) => {
          publish({ status, detail });
          if (status === 'closed' && detail) {
            const sentence = describeCollabClose(Number(detail));
            if (sentence) cb.current.onError(sentence);
          }
        },
        error: (m) => cb.current.onError(m),
      },
    });
    client.connect();
    const offAuth = auth.onChange(() => { void client.renewAuth(); });
    const ping = setInterval(() => { client.ping(); }, 25000);
    (window as any).__knCollab = client; // for the end-to-end tests (simulated network loss)
    (window as any).__knEditor = view;
    return () => {
      clearInterval(ping); offAuth(); client.close(); view.destroy();
      if (selTimer) clearTimeout(selTimer);
    };
  }, [documentId, name]);

  return <div className="editor" ref={host} data-testid="editor" data-ready={ready ? 'true' : 'false'} />;
}
