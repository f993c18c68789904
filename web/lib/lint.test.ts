// ESLint with Next's rules (eslint.config.mjs) over the whole app, as one case of the unit tests: bin/test
// runs `npm test`, so a lint problem (a warning too) fails the web unit tests with the problems listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

test('lint: eslint-config-next finds no problem', async () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const eslint = new ESLint({ cwd });
  const results = await eslint.lintFiles(['.']);
  const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(cwd.length)}:${m.line}:${m.column} ${m.ruleId ?? ''} ${m.message}`));
  assert.deepEqual(problems, []);
});
