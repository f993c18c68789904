// A stand-in for the api-gateway's routing, for developing and testing the app without it:
// /graphql -> knowledge-api, /collab/* -> collab-websocket (WebSocket upgrades tunnelled),
// everything else -> this app. Only for local use; production routing is the api-gateway's.
//   node scripts/dev-gateway.mjs   (DEV_GATEWAY_PORT=8190, KN_API_URL, KN_COLLAB_URL, KN_APP_URL)
import http from 'node:http';
import net from 'node:net';

const port = Number(process.env.DEV_GATEWAY_PORT || 8190);
const targets = {
  api: new URL(process.env.KN_API_URL || 'http://127.0.0.1:8081'),
  collab: new URL(process.env.KN_COLLAB_URL || 'http://127.0.0.1:8082'),
  app: new URL(process.env.KN_APP_URL || 'http://127.0.0.1:8087'),
};
const route = (path) => (path === '/graphql' || path.startsWith('/graphql?') ? targets.api : path.startsWith('/collab/') ? targets.collab : targets.app);

const server = http.createServer((req, res) => {
  const t = route(req.url);
  const up = http.request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress } }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  up.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end('bad gateway'); });
  req.pipe(up);
});
server.on('upgrade', (req, socket, head) => {
  const t = route(req.url);
  const up = net.connect(Number(t.port), t.hostname, () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`), '', ''];
    up.write(lines.join('\r\n'));
    if (head?.length) up.write(head);
    socket.pipe(up).pipe(socket);
  });
  up.on('error', () => socket.destroy());
  socket.on('error', () => up.destroy());
});
server.listen(port, '127.0.0.1', () => console.log(`dev gateway on http://127.0.0.1:${port}`));
