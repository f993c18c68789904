-- bench/graphql seed: 100 users (99 here + the benchmark's own account, registered through the API and
-- passed as :owner), 20 workspaces, 10,000 documents (500 per workspace, about 1 KB of Markdown and 0-4
-- tags each, 1 in 23 archived, 1 in 37 trashed, 1 in 5 under a parent), one version per document.
-- Deterministic: the same ids and rows on every run.
\set ON_ERROR_STOP on
BEGIN;

INSERT INTO app_user (id, email, display_name, password_hash, created_at)
SELECT md5('user' || i)::uuid, 'user' || i || '@bench.example', 'Bench User ' || i,
       'seeded: cannot sign in', timestamptz '2026-01-01 00:00:00Z'
  FROM generate_series(1, 99) i;

-- Numbered 0..99 so documents can pick their author by number.
CREATE TEMP TABLE bench_user AS
SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id FROM app_user;

INSERT INTO workspace (id, name, created_at, updated_at)
SELECT md5('ws' || w)::uuid, 'Workspace ' || w, timestamptz '2026-01-01 00:00:00Z', timestamptz '2026-01-02 00:00:00Z'
  FROM generate_series(0, 19) w;

-- The benchmark's account owns every workspace; each seeded user is a member of three (offsets 0, 7, 14).
INSERT INTO workspace_member (workspace_id, user_id, role, created_at)
SELECT md5('ws' || w)::uuid, :'owner'::uuid, 'OWNER', timestamptz '2026-01-01 00:00:00Z' + w * interval '1 second'
  FROM generate_series(0, 19) w;
INSERT INTO workspace_member (workspace_id, user_id, role, created_at)
SELECT md5('ws' || w)::uuid, u.id, (ARRAY['EDITOR', 'COMMENTER', 'VIEWER'])[1 + k], timestamptz '2026-01-01 00:00:00Z'
  FROM bench_user u, generate_series(0, 2) k, LATERAL (SELECT (u.n * 3 + k * 7) % 20 AS w) pick
 WHERE u.id <> :'owner'::uuid;

INSERT INTO document (id, workspace_id, parent_id, title, content, tags, revision, archived, trashed_at,
                      created_by, updated_by, created_at, updated_at)
SELECT md5('doc' || i)::uuid,
       md5('ws' || (i % 20))::uuid,
       CASE WHEN i >= 20 AND i % 5 = 0 THEN md5('doc' || (i - 20))::uuid END,
       'Document ' || i || ': notes on ' || (ARRAY['graphs', 'links', 'search', 'editing', 'sync'])[1 + i % 5],
       '# Document ' || i || E'\n\n' || repeat('Some Markdown text about ' || md5(i::text) || E', with a [[link]].\n', 8 + i % 16),
       ARRAY(SELECT (ARRAY['graph', 'notes', 'howto', 'design', 'ops', 'draft', 'review', 'research', 'meeting', 'idea'])[1 + (i + k * 3) % 10]
               FROM generate_series(1, i % 5) k),
       1 + i % 5,
       i % 23 = 0,
       CASE WHEN i % 37 = 0 THEN timestamptz '2026-03-01 00:00:00Z' END,
       a.id, e.id,
       timestamptz '2026-01-01 00:00:00Z' + i * interval '1 minute',
       timestamptz '2026-01-01 00:00:00Z' + i * interval '1 minute' + interval '1 hour'
  FROM generate_series(0, 9999) i
  JOIN bench_user a ON a.n = (i * 7) % 100
  JOIN bench_user e ON e.n = (i * 13) % 100;

INSERT INTO document_version (document_id, revision, title, content, tags, author_id, created_at)
SELECT id, revision, title, content, tags, updated_by, updated_at FROM document;

COMMIT;
ANALYZE;
