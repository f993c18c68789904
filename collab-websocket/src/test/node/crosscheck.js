// Runs the cases the Java cross-check test (OtTextUnicodeCrossCheckTest) sends through npm ot-text-unicode,
// ShareDB's default text type, so the Java TextOperation can be compared with it on the same input.
// stdin: one JSON case per line {doc, a, b, c, cursor}; a and b are made against doc, c against apply(doc, a).
// stdout: one JSON result per line, in the same order.
'use strict';
const { type } = require('ot-text-unicode');
const { strPosToUni } = require('unicount');

// Text deletes ({d: "text"}) come back as counts, the only form the Java side keeps; nothing else changes.
const countDeletes = (op) => op.map((c) => (typeof c === 'object' && typeof c.d === 'string' ? { d: strPosToUni(c.d) } : c));

const attempt = (fn) => {
  try {
    return { ok: fn() };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
};

const run = (c) => ({
  applyA: attempt(() => type.apply(c.doc, c.a)),
  applyB: attempt(() => type.apply(c.doc, c.b)),
  transformLeft: attempt(() => countDeletes(type.transform(c.a, c.b, 'left'))),
  transformRight: attempt(() => countDeletes(type.transform(c.a, c.b, 'right'))),
  compose: attempt(() => countDeletes(type.compose(c.a, c.c))),
  position: attempt(() => type.transformPosition(c.cursor, c.a)),
});

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const out = [];
  for (const line of input.split('\n')) {
    if (line.trim() !== '') out.push(JSON.stringify(run(JSON.parse(line))));
  }
  process.stdout.write(out.join('\n') + '\n');
});
