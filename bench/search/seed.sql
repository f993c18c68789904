-- bench/search seed: :count documents (100,000 by default) in 20 workspaces the benchmark's account (:owner) owns,
-- titles of 3-6 words and contents of 60-160 words (6-16 sentences) drawn from an English vocabulary of 429 words with a skewed
-- frequency (so searches for common words hit many documents, rare ones few), 0-3 tags each; 1 in 23 archived, 1 in 37
-- trashed. The first :outbox documents get their DocumentCreated outbox rows in the SAME transaction, as knowledge-api
-- writes them, so the indexer's throughput is measured from the commit; outbox.sql commits the others' rows later, the
-- start of the second half of phase (1). Deterministic: the same rows on every run.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE vocab AS
SELECT row_number() OVER () - 1 AS n, w FROM unnest(string_to_array(
'account action activity address agreement analysis answer application approach area argument article aspect assessment '
'attention audience author balance base basis behaviour benefit board budget building business campaign capacity card '
'career case category cause centre chance change chapter character charge choice claim class client code collection '
'college comment committee community company comparison competition component concept condition conference connection '
'consideration context contract contribution control conversation cost country course court coverage creation credit '
'culture customer cycle data database deadline deal debate decision definition delivery demand department deployment '
'design detail development device difference direction director discussion distance distribution document documentation '
'domain draft driver economy edition editor education effect effort election element email employee energy engine '
'engineering environment equipment error estimate evaluation event evidence example exchange experience experiment expert '
'explanation expression extension facility factor failure feature feedback field figure file finance focus force format '
'foundation framework function funding future game gateway goal government graph group growth guide guideline handbook '
'health history holiday hypothesis idea image impact implementation improvement incident income index industry '
'information infrastructure initiative input insight instance instruction insurance integration interest interface '
'interview introduction investment issue item journal judgement key knowledge label language launch layer leader learning '
'lecture level library licence limit link list literature location logic machine maintenance management manager manual '
'map market material matter meaning measure mechanism media meeting member memory message method metric migration '
'milestone mission model module moment monitoring motion network news node note notebook object objective observation '
'offer office operation opinion option order organisation outcome output owner package page paper parameter partner '
'pattern payment performance period permission person perspective phase picture pipeline plan planning platform point '
'policy politics population position practice preparation presentation pressure price principle priority problem '
'procedure process product production profile program progress project proposal protocol provider publication purpose '
'quality quantum query question queue range rate reaction reading reality reason record recovery reference region '
'registry regulation relation release report repository request requirement research resource response result review '
'revision risk roadmap role rule running safety sample scale schedule schema science scope score screen script search '
'section security selection sequence series server service session setting shape signal simulation site size skill '
'snapshot software solution source space specification speech sprint staff stage standard statement station status '
'step storage strategy stream structure student study style subject success summary supply support survey system table '
'target task team technique technology template term test testing text theory thread ticket timeline tool topic track '
'traffic training transaction transfer transition translation trend trial update upgrade usage user validation value '
'variable vendor version view vision volume walk warning website week window word workflow workshop world writing',
' ')) AS w;

INSERT INTO workspace (id, name, created_at, updated_at)
SELECT md5('search-ws' || w)::uuid, 'Search workspace ' || w, now(), now() FROM generate_series(0, 19) w;
INSERT INTO workspace_member (workspace_id, user_id, role, created_at)
SELECT md5('search-ws' || w)::uuid, :'owner'::uuid, 'OWNER', now() FROM generate_series(0, 19) w;

-- A word by a deterministic pseudo-random draw (hashint8): squaring the uniform draw skews it towards the start of the
-- vocabulary, so the first words are common and the last ones rare. Joined by number (an array column would be
-- detoasted whole for every word drawn).
ALTER TABLE vocab ADD PRIMARY KEY (n);
CREATE FUNCTION pg_temp.draw(seed bigint, size int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT floor(power((hashint8(seed)::bigint + 2147483648) / 4294967296.0, 2) * size)::int
$$;

-- Contents are made of 2,000 sentences of 10 drawn words (drawing every word of 100,000 documents takes minutes).
CREATE TEMP TABLE sentences AS
SELECT sn AS n, (SELECT string_agg(w.w, ' ' ORDER BY k) FROM generate_series(0, 9) k JOIN vocab w ON w.n = pg_temp.draw(sn * 100 + k, 429)) AS sentence
  FROM generate_series(0, 1999) sn;
UPDATE sentences SET sentence = upper(left(sentence, 1)) || substr(sentence, 2) || '.';
ALTER TABLE sentences ADD PRIMARY KEY (n);
ANALYZE vocab;
ANALYZE sentences;

INSERT INTO document (id, workspace_id, title, content, tags, revision, archived, trashed_at, created_by, updated_by, created_at, updated_at)
SELECT md5('search-doc' || i)::uuid,
       md5('search-ws' || (i % 20))::uuid,
       (SELECT initcap(string_agg(w.w, ' ' ORDER BY k)) FROM generate_series(1, 3 + i % 4) k JOIN vocab w ON w.n = pg_temp.draw(i * 1000 + k, 429)),
       (SELECT string_agg(t.sentence, ' ' ORDER BY k) FROM generate_series(1, 6 + i % 11) k
          JOIN sentences t ON t.n = (hashint8(i * 1000 + 100 + k)::bigint + 2147483648) % 2000),
       ARRAY(SELECT (ARRAY['graph', 'notes', 'howto', 'design', 'ops', 'draft', 'review', 'research', 'meeting', 'idea'])[1 + (i + k * 3) % 10]
               FROM generate_series(1, i % 4) k),
       1, i % 23 = 0, CASE WHEN i % 37 = 0 THEN now() END, :'owner'::uuid, :'owner'::uuid,
       now() - (i % 1000) * interval '1 minute', now() - (i % 1000) * interval '1 minute'
  FROM generate_series(1, :count) i;

-- The outbox rows of the first :outbox documents; outbox.sql writes the others' later (phase (1) runs in two halves).
\set from 1
\set to :outbox
\ir outbox-rows.sql
COMMIT;
