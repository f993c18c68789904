// collab-websocket counts positions in Unicode code points (as ot-text-unicode does); CodeMirror and
// JavaScript strings count UTF-16 code units. These convert between the two.

/** The UTF-16 offset of code point `cp` in `text`. */
export function cpToUtf16(text: string, cp: number, fromUnit = 0): number {
  let unit = fromUnit;
  for (let i = 0; i < cp && unit < text.length; i++) {
    const c = text.charCodeAt(unit);
    unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length ? 2 : 1;
  }
  return unit;
}

/** The number of code points in text[0, unit). */
export function utf16ToCp(text: string, unit: number, fromUnit = 0): number {
  let cp = 0;
  for (let i = fromUnit; i < unit; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < unit) i++;
    cp++;
  }
  return cp;
}

export type OtComponent = number | string | { d: number | string };
export type OtOp = OtComponent[];
export type Change = { from: number; to: number; insert: string };

/** An ot-text-unicode op as UTF-16 changes against `text` (positions in the text before the op). */
export function opToChanges(text: string, op: OtOp): Change[] {
  const changes: Change[] = [];
  let unit = 0;
  for (const c of op) {
    if (typeof c === 'number') unit = cpToUtf16(text, c, unit);
    else if (typeof c === 'string') changes.push({ from: unit, to: unit, insert: c });
    else {
      const end = cpToUtf16(text, typeof c.d === 'number' ? c.d : [...c.d].length, unit);
      changes.push({ from: unit, to: end, insert: '' });
      unit = end;
    }
  }
  return changes;
}

/**
 * UTF-16 changes (sorted, non-overlapping, positions in `text` before the change, as CodeMirror's
 * iterChanges gives them) as one ot-text-unicode op.
 */
export function changesToOp(text: string, changes: Change[]): OtOp {
  const op: OtOp = [];
  let unit = 0;
  for (const ch of changes) {
    const skip = utf16ToCp(text, ch.from, unit);
    if (skip) op.push(skip);
    const del = utf16ToCp(text, ch.to, ch.from);
    if (ch.insert) op.push(ch.insert);
    if (del) op.push({ d: del });
    unit = ch.to;
  }
  return op;
}
