-- bench/graphql: the write work knowledge-api does in a document save's transaction, given to the peers by
-- triggers, installed in the bench database only (./run, after seed.sql). They fire only for a connection started
-- with bench.peer=on (both PostGraphile servers' pools set it), never for knowledge-api's, which does this work itself
-- (Documents.create / update / saved in knowledge-api): on every insert or update of a document row,
--   * the revision: 1 on create; on update the new row must carry exactly the stored revision + 1, else the update
--     fails like knowledge-api's stale expectedRevision (the client sends revision = expected + 1; the row is locked
--     by the UPDATE itself as knowledge-api locks it with SELECT ... FOR UPDATE); archived or trashed: refused;
--   * created_at / updated_at from the database's clock;
--   * a document_version row, and versions older than the latest 200 deleted (common's VersionRetention);
--   * its outgoing document_link rows replaced by what [[Title]] wiki links and document ids in its content name
--     (common's WikiLinks: same workspace, trashed documents left out);
--   * on create or retitle, documents of the workspace whose content has [[its title relinked;
--   * an outbox_event row with knowledge-api's payload.
-- Not done for the peers: authentication and the workspace-role check (they run as the database user), input
-- validation, knowledge-api's cache invalidation and live-update events after the commit.
\set ON_ERROR_STOP on
BEGIN;

-- Their own schema, which neither PostGraphile exposes (a function of a document row in public would become a field).
CREATE SCHEMA bench;

CREATE FUNCTION bench.relink(d document) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM document_link WHERE source_id = d.id;
  IF d.trashed_at IS NOT NULL THEN
    RETURN;
  END IF;
  INSERT INTO document_link (source_id, target_id, workspace_id)
  SELECT d.id, t.id, d.workspace_id
    FROM document t
   WHERE t.workspace_id = d.workspace_id AND t.trashed_at IS NULL AND t.id <> d.id
     AND lower(t.title) IN (SELECT lower(btrim(m[1])) FROM regexp_matches(d.content, '\[\[([^\[\]|#]+)(?:[|#][^\]]*)?\]\]', 'g') m)
  UNION
  SELECT d.id, t.id, d.workspace_id
    FROM document t
   WHERE t.workspace_id = d.workspace_id AND t.trashed_at IS NULL AND t.id <> d.id
     AND t.id IN (SELECT m[1]::uuid FROM regexp_matches(d.content, '\m([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\M', 'g') m)
  ON CONFLICT DO NOTHING;
END $$;

CREATE FUNCTION bench.document_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.revision := 1;
    NEW.created_at := now();
    NEW.updated_at := NEW.created_at;
    NEW.updated_by := NEW.created_by;
  ELSE
    IF NEW.revision IS DISTINCT FROM OLD.revision + 1 THEN
      RAISE EXCEPTION 'Stale revision: expected % but the document is at revision %', NEW.revision - 1, OLD.revision;
    END IF;
    IF OLD.trashed_at IS NOT NULL OR OLD.archived THEN
      RAISE EXCEPTION 'The document is archived or in the trash';
    END IF;
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION bench.document_saved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mentioning document;
BEGIN
  INSERT INTO document_version (document_id, revision, title, content, tags, author_id, created_at)
  VALUES (NEW.id, NEW.revision, NEW.title, NEW.content, NEW.tags, NEW.updated_by, NEW.updated_at);
  DELETE FROM document_version WHERE document_id = NEW.id AND revision <= NEW.revision - 200;
  PERFORM bench.relink(NEW);
  IF TG_OP = 'INSERT' OR NEW.title <> OLD.title THEN
    FOR mentioning IN
      SELECT * FROM document d
       WHERE d.workspace_id = NEW.workspace_id AND d.trashed_at IS NULL AND d.id <> NEW.id
         AND lower(d.content) LIKE '%[[' || replace(replace(replace(lower(NEW.title), '\', '\\'), '%', '\%'), '_', '\_') || '%' ESCAPE '\'
    LOOP
      PERFORM bench.relink(mentioning);
    END LOOP;
  END IF;
  INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload)
  VALUES ('document', NEW.id, CASE TG_OP WHEN 'INSERT' THEN 'DocumentCreated' ELSE 'DocumentUpdated' END, NEW.revision,
          jsonb_build_object('id', NEW.id, 'workspaceId', NEW.workspace_id, 'parentId', NEW.parent_id, 'title', NEW.title,
                             'tags', to_jsonb(NEW.tags),
                             'status', CASE WHEN NEW.trashed_at IS NOT NULL THEN 'TRASHED' WHEN NEW.archived THEN 'ARCHIVED' ELSE 'ACTIVE' END,
                             'revision', NEW.revision, 'updatedBy', NEW.updated_by));
  RETURN NULL;
END $$;

CREATE TRIGGER bench_peer_document_before BEFORE INSERT OR UPDATE ON document
  FOR EACH ROW WHEN (current_setting('bench.peer', true) = 'on') EXECUTE FUNCTION bench.document_before();
CREATE TRIGGER bench_peer_document_saved AFTER INSERT OR UPDATE ON document
  FOR EACH ROW WHEN (current_setting('bench.peer', true) = 'on') EXECUTE FUNCTION bench.document_saved();

COMMIT;
