// After `next build`: the standalone server serves only what is inside .next/standalone, so copy the
// hashed assets and public/ beside it. Then `node .next/standalone/server.js` alone serves everything.
import { cpSync, existsSync, rmSync } from 'node:fs';

const standalone = '.next/standalone';
if (!existsSync(`${standalone}/server.js`)) {
  console.error('postbuild: .next/standalone/server.js is missing (is output: "standalone" set?)');
  process.exit(1);
}
rmSync(`${standalone}/.next/static`, { recursive: true, force: true });
cpSync('.next/static', `${standalone}/.next/static`, { recursive: true });
if (existsSync('public')) {
  rmSync(`${standalone}/public`, { recursive: true, force: true });
  cpSync('public', `${standalone}/public`, { recursive: true });
}
console.log('postbuild: copied .next/static and public into .next/standalone');
