// Serves the peer page (peer/editor.js bundled with esbuild) and creates documents in the ShareDB server.
// PORT, SHAREDB_PORT. Prints "ready <port> <bundle bytes> <gzip bytes>".
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
const WEB = new URL('../../../web/', import.meta.url).pathname;
const require = createRequire(WEB + 'package.json');
const esbuild = require('esbuild');
const out = await esbuild.build({
  entryPoints: [new URL('./editor.js', import.meta.url).pathname], bundle: true, minify: true, write: false, format: 'esm',
  nodePaths: [WEB + 'node_modules', new URL('../../collab/node_modules', import.meta.url).pathname], target: 'es2020', logLevel: 'error',
  alias: { events: new URL('./events-shim.js', import.meta.url).pathname, util: new URL('./util-shim.js', import.meta.url).pathname },
});
const js = out.outputFiles[0].contents;
const html = '<!doctype html><meta charset="utf-8"><title>ShareDB + CodeMirror</title><p id="status" data-testid="collab-status">connecting</p><div id="editor" data-testid="editor" data-ready="false"></div><script type="module" src="/editor.js"></script>';
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/editor.js')) { res.setHeader('content-type', 'text/javascript'); res.end(js); return; }
  res.setHeader('content-type', 'text/html'); res.end(html);
});
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => console.log(`ready ${server.address().port} ${js.length} ${gzipSync(js).length}`));
