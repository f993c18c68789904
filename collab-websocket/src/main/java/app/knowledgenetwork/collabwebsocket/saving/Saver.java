package app.knowledgenetwork.collabwebsocket.saving;

import app.knowledgenetwork.collabwebsocket.metrics.CollabMetrics;
import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import app.knowledgenetwork.collabwebsocket.sequencing.OpLog;
import app.knowledgenetwork.collabwebsocket.session.LiveDocument;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Saves a live document into PostgreSQL. One replica at a time per document (a lock in Redis), with the row locked
 * for the whole save, so knowledge-api's writers wait. If the row's revision is not the one the live state was saved
 * or loaded as, someone saved through knowledge-api: that change is merged first, as an operation from the saved
 * snapshot to the row's content, sequenced like any client's, so nothing is lost in either direction. What is about to
 * be committed is noted in Redis first, so a replica that dies between the commit and the note does not make the next
 * saver mistake its save for someone else's.
 */
@ApplicationScoped
public class Saver {
    private static final Logger LOG = Logger.getLogger(Saver.class);
    /** How long a save holds its document's lock at most: what a replica that dies while saving holds it for. */
    public static final long LOCK_MILLIS = 30_000;

    private final Snapshots snapshots;
    private final OpLog opLog;
    private final KnowledgeApiNotices notices;
    private final CollabMetrics metrics;

    public Saver(Snapshots snapshots, OpLog opLog, KnowledgeApiNotices notices, CollabMetrics metrics) {
        this.snapshots = snapshots;
        this.opLog = opLog;
        this.notices = notices;
        this.metrics = metrics;
    }

    /** Returns false when it should be tried again later (PostgreSQL or Redis away, another replica saving). */
    public boolean save(LiveDocument doc) {
        String token = UUID.randomUUID().toString();
        try {
            if (!opLog.lock(doc.id(), token, LOCK_MILLIS)) {
                return false;
            }
        } catch (RuntimeException e) {
            metrics.saved("redis_unavailable");
            return false;
        }
        try (Connection c = snapshots.transaction()) {
            try {
                return saveLocked(c, doc);
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            metrics.saved("database_unavailable");
            LOG.warnf("Saving %s: PostgreSQL refused (%s); editing goes on, the save is retried", doc.id(), e.getMessage());
            return false;
        } catch (Exception e) {
            metrics.saved("failed");
            LOG.warnf("Saving %s failed (%s); retried", doc.id(), e.toString());
            return false;
        } finally {
            try {
                opLog.unlock(doc.id(), token);
            } catch (RuntimeException e) {
                LOG.debugf("Save lock of %s left to expire (%s)", doc.id(), e.toString());
            }
        }
    }

    private boolean saveLocked(Connection c, LiveDocument doc) throws Exception {
        UUID id = doc.id();
        StoredDocument row = snapshots.lock(c, id);
        if (row == null || row.trashed()) {
            c.rollback();
            doc.goneLater();
            metrics.saved("gone");
            return true;
        }
        OpLog.SavedSnapshot saved = opLog.savedSnapshot(id);
        if (saved == null) {
            c.rollback();
            return true;
        }
        if (row.revision() != saved.revision()) {
            OpLog.Pending pending = opLog.pending(id);
            if (pending != null && pending.revision() == row.revision() && pending.text().equals(row.content())) {
                opLog.saved(id, saved.epoch(), pending.version(), pending.text(), pending.revision());
            } else if (row.revision() > saved.revision()) {
                TextOperation change = TextOperation.diff(saved.text(), row.content());
                // A new title, tags, a move: a revision without a content change has nothing to merge.
                boolean merged = change.isNoop() || doc.inQueue(() -> doc.merge(change, saved.version(), row.revision()));
                if (!merged) {
                    c.rollback();
                    metrics.saved("merge_refused");
                    return false;
                }
            }
        }
        LiveDocument.Snapshot now = doc.inQueue(doc::snapshot);
        if (!now.epoch().equals(saved.epoch())) {
            c.rollback();
            return false;
        }
        if (now.text().equals(row.content())) {
            c.rollback();
            opLog.saved(id, now.epoch(), now.version(), now.text(), row.revision());
            doc.savedAs(row.revision());
            metrics.saved("unchanged");
            return true;
        }
        if (row.archived()) {
            c.rollback();
            LOG.warnf("Document %s was archived with live edits not saved; they stay in its live state until it is unarchived", id);
            metrics.saved("archived");
            return true;
        }
        long revision = row.revision() + 1;
        UUID author = now.lastAuthor() != null ? now.lastAuthor() : row.updatedBy();
        opLog.pending(id, now.epoch(), new OpLog.Pending(revision, now.version(), now.text()));
        snapshots.write(c, row, now.text(), revision, author);
        c.commit();
        opLog.saved(id, now.epoch(), now.version(), now.text(), revision);
        doc.savedAs(revision);
        metrics.saved("saved");
        notices.documentUpdated(id, row.workspaceId(), revision);
        return true;
    }
}
