// A line diff (longest common subsequence) for comparing a version with the current text.
export type DiffLine = { kind: 'same' | 'add' | 'del'; text: string };

export function diffLines(a: string, b: string): DiffLine[] {
  const x = a.split('\n'), y = b.split('\n');
  // Trim the common head and tail so the quadratic table covers only the changed middle.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail), ys = y.slice(head, y.length - tail);
  const n = xs.length, m = ys.length;
  if (n * m > 4_000_000) {
    return [...x.slice(0, head).map((t) => ({ kind: 'same' as const, text: t })), ...xs.map((t) => ({ kind: 'del' as const, text: t })), ...ys.map((t) => ({ kind: 'add' as const, text: t })), ...x.slice(x.length - tail).map((t) => ({ kind: 'same' as const, text: t }))];
  }
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = xs[i] === ys[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffLine[] = x.slice(0, head).map((t) => ({ kind: 'same', text: t }));
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (xs[i] === ys[j]) { out.push({ kind: 'same', text: xs[i] }); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: 'del', text: xs[i++] });
    else out.push({ kind: 'add', text: ys[j++] });
  }
  while (i < n) out.push({ kind: 'del', text: xs[i++] });
  while (j < m) out.push({ kind: 'add', text: ys[j++] });
  out.push(...x.slice(x.length - tail).map((t) => ({ kind: 'same' as const, text: t })));
  return out;
}
