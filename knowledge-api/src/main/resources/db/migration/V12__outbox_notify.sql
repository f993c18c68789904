-- search-indexer LISTENs on the channel outbox_event (its OutboxListener) so that a committed change is indexed at
-- once rather than at its next scheduled run (250 ms): the notification is part of the commit-to-searchable lag
-- budget (bench/search). A statement trigger covers every writer of the outbox (knowledge-api, collab-websocket's
-- snapshots, an admin's retry of dead letters) without any of them knowing. NOTIFY is delivered only when the
-- transaction commits (never for a rollback), and identical notifications of one transaction are folded into one,
-- so a transaction of many rows costs one notification. Nobody listening costs next to nothing.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
