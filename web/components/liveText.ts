'use client';
// The editor's text as it changes, for the parts of the page that show it (the preview, a version's diff).
// It is not React state of the page: a keystroke (one's own or a collaborator's) would otherwise render the
// whole page again, and on a busy machine that is what delays the next remote keystroke on screen. Readers
// take the text lazily (the editor hands over a reader, not a 200-line string per keystroke) and at their
// own pace (useLiveText).
import { useEffect, useState } from 'react';

export class LiveText {
  private read: () => string = () => '';
  private readonly listeners = new Set<() => void>();

  /** The text changed; `read` gives it when someone asks. */
  changed(read: () => string) {
    this.read = read;
    for (const l of this.listeners) l();
  }

  set(text: string) { this.changed(() => text); }

  get text() { return this.read(); }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
}

type IdleWindow = Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (h: number) => void };

/** The live text, read at most once per `everyMs` while it keeps changing, when the browser has a moment
 *  (idle, or after `everyMs` more at the latest), and once more after the last change. */
export function useLiveText(live: LiveText, everyMs: number): string {
  const [text, setText] = useState(() => live.text);
  useEffect(() => {
    const w = window as IdleWindow;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idle: number | null = null;
    const read = () => { idle = null; timer = null; setText(live.text); };
    const onChange = () => {
      if (timer || idle !== null) return;
      timer = setTimeout(() => {
        if (w.requestIdleCallback) { timer = null; idle = w.requestIdleCallback(read, { timeout: everyMs }); } else read();
      }, everyMs);
    };
    setText(live.text);
    const off = live.subscribe(onChange);
    return () => {
      off();
      if (timer) clearTimeout(timer);
      if (idle !== null) w.cancelIdleCallback?.(idle);
    };
  }, [live, everyMs]);
  return text;
}
