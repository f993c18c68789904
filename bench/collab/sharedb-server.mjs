// The peer: ShareDB 7 with the ot-text-unicode type (ShareDB's default text type, the format collab-websocket
// speaks), on a plain node:http server with ws. ShareDB's in-memory database and in-memory pub/sub: one process,
// no Redis hop (the most favourable set-up for ShareDB; collab-websocket sequences every operation in Redis).
// PORT: where to listen (loopback only). Prints "ready <port>" when listening.
import http from 'node:http';
import ShareDB from 'sharedb';
import WebSocketJSONStream from '@teamwork/websocket-json-stream';
import { WebSocketServer } from 'ws';
import otText from 'ot-text-unicode';

ShareDB.types.register(otText.type);
const backend = new ShareDB({ presence: false, doNotForwardSendPresenceErrorsToClient: true });

const server = http.createServer((req, res) => {
  // Used by bench/collab/run to wait for the server and to create documents.
  if (req.url === '/ready') {
    res.end('ok');
    return;
  }
  const created = /^\/create\/([A-Za-z0-9_-]{1,64})$/.exec(req.url ?? '');
  if (req.method === 'POST' && created) {
    const doc = backend.connect().get('bench', created[1]);
    doc.fetch((fetchError) => {
      if (fetchError) { res.statusCode = 500; res.end(String(fetchError)); return; }
      if (doc.type) { res.end('exists'); return; }
      doc.create('', otText.type.uri, (createError) => {
        res.statusCode = createError ? 500 : 200;
        res.end(createError ? String(createError) : 'created');
      });
    });
    return;
  }
  res.statusCode = 404;
  res.end();
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => backend.listen(new WebSocketJSONStream(ws)));

const port = Number(process.env.PORT ?? 0);
server.listen(port, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
process.on('SIGTERM', () => { wss.close(); server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 2000).unref(); });
