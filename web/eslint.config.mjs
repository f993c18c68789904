// ESLint (flat config) with Next's rules: eslint-config-next's core-web-vitals and TypeScript sets, which
// bring react, react-hooks, jsx-a11y and @next/next. Run by `npm run lint` and by lib/lint.test.ts
// (so bin/test's web unit tests fail on a lint problem, warnings included); `next build` runs it too.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlatCompat } from '@eslint/eslintrc';

const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'e2e/artifacts/**', 'next-env.d.ts'] },
  ...compat.extends('next/core-web-vitals', 'next/typescript'),
  {
    rules: {
      // GraphQL answers are untyped JSON read field by field where they arrive (lib/api.ts and the pages).
      '@typescript-eslint/no-explicit-any': 'off',
      // A leading underscore marks an argument a signature needs but the body does not.
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];

export default config;
