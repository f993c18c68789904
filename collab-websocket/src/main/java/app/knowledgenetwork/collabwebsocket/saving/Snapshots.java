package app.knowledgenetwork.collabwebsocket.saving;

import app.knowledgenetwork.collabwebsocket.CollabConfig;
import app.knowledgenetwork.common.documents.VersionRetention;
import app.knowledgenetwork.common.links.WikiLinks;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Live text into the document's row, as knowledge-api's updateDocument saves it: content and a new revision, a
 * document_version row (the oldest beyond the kept number deleted), the document_link rows derived again from its [[wiki links]] and ids, and a DocumentUpdated
 * outbox event, all in the caller's transaction, so search-indexer and knowledge-api's subscribers follow.
 */
@ApplicationScoped
public class Snapshots {
    private static final String COLUMNS = "id, workspace_id, parent_id, title, content, tags, revision, archived, trashed_at IS NOT NULL, updated_by";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final VersionRetention retention;

    public Snapshots(DataSource dataSource, ObjectMapper json, CollabConfig config) {
        this.dataSource = dataSource;
        this.json = json;
        this.retention = new VersionRetention(config.documentVersionsKept());
    }

    public Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    /** The row as it is now, or null. */
    public StoredDocument current(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return read(c, id, "");
        }
    }

    /** The row, locked until the transaction ends (knowledge-api's writers lock it the same way), or null. */
    public StoredDocument lock(Connection c, UUID id) throws SQLException {
        return read(c, id, " FOR UPDATE");
    }

    private static StoredDocument read(Connection c, UUID id, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM document WHERE id = ?" + lock)) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return new StoredDocument(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3, UUID.class), r.getString(4),
                        r.getString(5), (String[]) r.getArray(6).getArray(), r.getLong(7), r.getBoolean(8), r.getBoolean(9), r.getObject(10, UUID.class));
            }
        }
    }

    /** Writes {@code content} as {@code revision} by {@code author}, in the caller's transaction (row locked by {@link #lock}). */
    public void write(Connection c, StoredDocument row, String content, long revision, UUID author) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        try (PreparedStatement s = c.prepareStatement("UPDATE document SET content = ?, revision = ?, updated_by = ?, updated_at = ? WHERE id = ?")) {
            s.setString(1, content);
            s.setLong(2, revision);
            s.setObject(3, author);
            s.setTimestamp(4, now);
            s.setObject(5, row.id());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO document_version (document_id, revision, title, content, tags, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, row.id());
            s.setLong(2, revision);
            s.setString(3, row.title());
            s.setString(4, content);
            s.setArray(5, c.createArrayOf("text", row.tags()));
            s.setObject(6, author);
            s.setTimestamp(7, now);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(VersionRetention.PRUNE)) {
            s.setObject(1, row.id());
            s.setLong(2, retention.oldestDropped(revision));
            s.executeUpdate();
        }
        relink(c, row, content);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", row.id());
        payload.put("workspaceId", row.workspaceId());
        payload.put("parentId", row.parentId());
        payload.put("title", row.title());
        payload.put("tags", row.tags());
        payload.put("status", "ACTIVE");
        payload.put("revision", revision);
        payload.put("updatedBy", author);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload) VALUES ('document', ?, 'DocumentUpdated', ?, CAST(? AS jsonb))")) {
            s.setObject(1, row.id());
            s.setLong(2, revision);
            s.setString(3, json.writeValueAsString(payload));
            s.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the document's outgoing edges with what its content links to now (knowledge-api's Documents.relink). */
    private static void relink(Connection c, StoredDocument row, String content) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM document_link WHERE source_id = ?")) {
            s.setObject(1, row.id());
            s.executeUpdate();
        }
        WikiLinks.Targets targets = WikiLinks.extract(content);
        Set<UUID> ids = new LinkedHashSet<>();
        if (!targets.lowerCaseTitles().isEmpty()) {
            ids.addAll(ids(c, "SELECT id FROM document WHERE workspace_id = ? AND lower(title) = ANY (?) AND trashed_at IS NULL", row.workspaceId(),
                    c.createArrayOf("text", targets.lowerCaseTitles().toArray())));
        }
        if (!targets.ids().isEmpty()) {
            ids.addAll(ids(c, "SELECT id FROM document WHERE workspace_id = ? AND id = ANY (?) AND trashed_at IS NULL", row.workspaceId(),
                    c.createArrayOf("uuid", targets.ids().toArray())));
        }
        ids.remove(row.id());
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO document_link (source_id, target_id, workspace_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (UUID target : ids) {
                s.setObject(1, row.id());
                s.setObject(2, target);
                s.setObject(3, row.workspaceId());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static Set<UUID> ids(Connection c, String sql, UUID workspaceId, Array values) throws SQLException {
        Set<UUID> found = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, workspaceId);
            s.setArray(2, values);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(r.getObject(1, UUID.class));
                }
            }
        }
        return found;
    }
}
