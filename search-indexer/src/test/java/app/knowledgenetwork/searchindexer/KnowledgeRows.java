package app.knowledgenetwork.searchindexer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Rows of the knowledge database written as knowledge-api writes them: a document change and its outbox_event in the
 * same transaction (the payload has no content). Each instance has a user and a workspace of its own, so a test can
 * compare "its" documents with the index while other tests' rows stay in the shared database.
 */
final class KnowledgeRows {
    private static boolean migrated;

    final UUID user = UUID.randomUUID();
    final UUID workspace = UUID.randomUUID();
    private final DataSource dataSource;

    private KnowledgeRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The schema (once per run), and a new user with a new workspace. */
    static KnowledgeRows in(DataSource dataSource) throws SQLException {
        synchronized (KnowledgeRows.class) {
            if (!migrated) {
                KnowledgeSchema.migrate(dataSource);
                migrated = true;
            }
        }
        KnowledgeRows rows = new KnowledgeRows(dataSource);
        rows.sql("INSERT INTO app_user (id, email, display_name, password_hash) VALUES (?, ?, 'Indexer test', 'x')", rows.user, rows.user + "@example.org");
        rows.sql("INSERT INTO workspace (id, name, created_at, updated_at) VALUES (?, 'Indexed', now(), now())", rows.workspace);
        return rows;
    }

    /** A document row only (no event). */
    UUID document(String title, String content, long revision, boolean archived, boolean trashed, String... tags) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO document (id, workspace_id, title, content, tags, revision, archived, trashed_at, created_by, updated_by, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())""")) {
            s.setObject(1, id);
            s.setObject(2, workspace);
            s.setString(3, title);
            s.setString(4, content);
            s.setArray(5, c.createArrayOf("text", tags));
            s.setLong(6, revision);
            s.setBoolean(7, archived);
            s.setTimestamp(8, trashed ? Timestamp.from(Instant.now()) : null);
            s.setObject(9, user);
            s.setObject(10, user);
            s.executeUpdate();
        }
        return id;
    }

    /** {@code count} new documents titled "Seeded 0", "Seeded 1", ..., each as {@link #created}. */
    List<UUID> seeded(int count) throws SQLException {
        List<UUID> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(created("Seeded " + i));
        }
        return documents;
    }

    /** A new document at revision 1 and its DocumentCreated event, in one transaction. */
    UUID created(String title) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO document (id, workspace_id, title, content, revision, created_by, updated_by, created_at, updated_at)
                    VALUES (?, ?, ?, '', 1, ?, ?, now(), now())""")) {
                s.setObject(1, id);
                s.setObject(2, workspace);
                s.setString(3, title);
                s.setObject(4, user);
                s.setObject(5, user);
                s.executeUpdate();
            }
            event(c, id, "DocumentCreated", 1);
            c.commit();
        }
        return id;
    }

    /** The next revision of a document (title "{@code title} r<revision>") and its DocumentUpdated event, in one transaction. */
    long edited(UUID id, String title) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long revision;
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE document SET revision = revision + 1, title = ? || ' r' || (revision + 1), updated_at = now() WHERE id = ? RETURNING revision")) {
                s.setString(1, title);
                s.setObject(2, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    revision = rs.getLong(1);
                }
            }
            event(c, id, "DocumentUpdated", revision);
            c.commit();
            return revision;
        }
    }

    void update(UUID id, String title, String content, long revision, boolean archived, boolean trashed) throws SQLException {
        sql("UPDATE document SET title = ?, content = ?, revision = ?, archived = ?, trashed_at = ?, updated_at = now() WHERE id = ?",
                title, content, revision, archived, trashed ? Timestamp.from(Instant.now()) : null, id);
    }

    /** An outbox row on its own. */
    long event(UUID document, String type, long revision) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return event(c, document, type, revision);
        }
    }

    private static long event(Connection c, UUID document, String type, long revision) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload)
                VALUES ('document', ?, ?, ?, jsonb_build_object('id', ?::text, 'revision', ?)) RETURNING id""")) {
            s.setObject(1, document);
            s.setString(2, type);
            s.setLong(3, revision);
            s.setObject(4, document.toString());
            s.setLong(5, revision);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether the outbox row is marked processed; fails when it is not in the outbox. */
    boolean processed(long row) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT processed_at FROM outbox_event WHERE id = ?")) {
            s.setLong(1, row);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("outbox row " + row + " is not in the outbox");
                }
                return rs.getTimestamp(1) != null;
            }
        }
    }

    /** The revision of every document of this workspace, as PostgreSQL has it now. */
    Map<UUID, Long> revisions() throws SQLException {
        Map<UUID, Long> revisions = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, revision FROM document WHERE workspace_id = ? ORDER BY id")) {
            s.setObject(1, workspace);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    revisions.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return revisions;
    }

    long count(String query, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void sql(String statement, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
