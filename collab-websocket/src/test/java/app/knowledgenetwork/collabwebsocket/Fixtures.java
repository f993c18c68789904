package app.knowledgenetwork.collabwebsocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
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
 * Rows in knowledge-api's tables, written as knowledge-api writes them, and the change messages it publishes on
 * Redis after a commit (its live/ChangeRelay), so tests can play knowledge-api's part.
 */
public final class Fixtures {
    private final DataSource db;
    private final RedisDataSource redis;
    private final String keyPrefix;
    private final ObjectMapper json = new ObjectMapper();

    Fixtures(DataSource db, RedisDataSource redis, String keyPrefix) {
        this.db = db;
        this.redis = redis;
        this.keyPrefix = keyPrefix;
    }

    public record Row(String content, long revision, boolean trashed) {
    }

    public UUID user(String name) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO app_user (id, email, display_name, password_hash) VALUES (?, ?, ?, 'x')", id, id + "@example.test", name);
        return id;
    }

    UUID workspace(UUID owner) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        update("INSERT INTO workspace (id, name, created_at, updated_at) VALUES (?, 'Team', ?, ?)", id, now, now);
        member(id, owner, "OWNER");
        return id;
    }

    void member(UUID workspace, UUID user, String role) {
        update("INSERT INTO workspace_member (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, now())", workspace, user, role);
    }

    /** Removes a member and announces it as knowledge-api does. */
    void removeMember(UUID workspace, UUID user) {
        update("DELETE FROM workspace_member WHERE workspace_id = ? AND user_id = ?", workspace, user);
        announce(Map.of("kind", "membership", "id", workspace.toString(), "workspaceId", workspace.toString(), "type", "MembershipChanged",
                "revision", 0));
    }

    public UUID document(UUID workspace, UUID author, String title, String content) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        update("INSERT INTO document (id, workspace_id, title, content, revision, created_by, updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)",
                id, workspace, title, content, author, author, now, now);
        update("INSERT INTO document_version (document_id, revision, title, content, tags, author_id, created_at) VALUES (?, 1, ?, ?, '{}', ?, ?)",
                id, title, content, author, now);
        return id;
    }

    /** updateDocument as knowledge-api runs it: the locked row gets the content and the next revision, then the announcement. */
    long updateThroughGraphQL(UUID document, UUID workspace, UUID user, String content) {
        long revision;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT revision, title FROM document WHERE id = ? FOR UPDATE")) {
                s.setObject(1, document);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    revision = r.getLong(1) + 1;
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE document SET content = ?, revision = ?, updated_by = ?, updated_at = now() WHERE id = ?")) {
                s.setString(1, content);
                s.setLong(2, revision);
                s.setObject(3, user);
                s.setObject(4, document);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO document_version (document_id, revision, title, content, tags, author_id, created_at) SELECT id, revision, title, content, tags, updated_by, updated_at FROM document WHERE id = ?")) {
                s.setObject(1, document);
                s.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        announce(Map.of("kind", "document", "id", document.toString(), "workspaceId", workspace.toString(), "type", "DocumentUpdated", "revision", revision));
        return revision;
    }

    void trash(UUID document, UUID workspace) {
        update("UPDATE document SET trashed_at = now(), revision = revision + 1 WHERE id = ?", document);
        announce(Map.of("kind", "document", "id", document.toString(), "workspaceId", workspace.toString(), "type", "DocumentTrashed",
                "revision", row(document).revision()));
    }

    public Row row(UUID document) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT content, revision, trashed_at IS NOT NULL FROM document WHERE id = ?")) {
            s.setObject(1, document);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Row(r.getString(1), r.getLong(2), r.getBoolean(3)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (r.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        line.append(i > 1 ? "|" : "").append(r.getString(i));
                    }
                    rows.add(line.toString());
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql) {
        update(sql);
    }

    private void announce(Map<String, Object> message) {
        try {
            redis.execute("PUBLISH", keyPrefix + "live:changes", json.writeValueAsString(new LinkedHashMap<>(message)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
