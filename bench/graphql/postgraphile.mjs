// The first peer: PostGraphile 4 (the line that runs on Node 20; 5.x, the second peer, is pg5/server.mjs) as a
// library on a plain node:http server, with the options its documentation recommends for production (no query log, no
// GraphiQL, no schema watching). No authentication: every request runs as the database user.
// Env: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (the database, as libpq reads them), PORT,
// POOL_SIZE (total PostgreSQL connections, default 16),
// WORKERS (node processes sharing the port, default 1: PostGraphile's default deployment).
import cluster from 'node:cluster';
import http from 'node:http';
import pg from 'pg';
import postgraphilePackage from 'postgraphile';

const { postgraphile } = postgraphilePackage;
const workers = Number(process.env.WORKERS ?? 1);
const poolSize = Number(process.env.POOL_SIZE ?? 16);

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    console.error(`postgraphile worker ${worker.process.pid} exited (${code})`);
    process.exit(1);
  });
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers)) worker.kill();
      process.exit(0);
    });
  }
} else {
  // bench.peer=on lets the bench database's triggers (peer-writes.sql) do knowledge-api's write work for this
  // connection's inserts and updates; set once per connection at start, so it costs nothing per request.
  const pool = new pg.Pool({ max: Math.max(1, Math.floor(poolSize / workers)), options: '-c bench.peer=on' });
  const handler = postgraphile(pool, 'public', {
    graphiql: false,
    watchPg: false,
    subscriptions: false,
    disableQueryLog: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: false,
    legacyRelations: 'omit',
    retryOnInitFail: false,
  });
  http.createServer(handler).listen(Number(process.env.PORT), '127.0.0.1');
}
