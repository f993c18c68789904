package app.knowledgenetwork.syncservice.connections;

import app.knowledgenetwork.syncservice.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The connections table. */
@ApplicationScoped
public class ConnectionStore {

    private static final String COLUMNS = "id, owner_id, name, source_type, keep_credentials_type, keep_subject, keep_refresh_token, "
            + "notion_database_id, notion_token, schedule_minutes, enabled, next_run_at, created_at, updated_at";

    private final Sql sql;

    public ConnectionStore(Sql sql) {
        this.sql = sql;
    }

    public Optional<Connection> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM connections WHERE id = ?", ConnectionStore::read, id);
    }

    public List<Connection> list(String ownerId) {
        return ownerId == null
                ? sql.query("SELECT " + COLUMNS + " FROM connections ORDER BY created_at", ConnectionStore::read)
                : sql.query("SELECT " + COLUMNS + " FROM connections WHERE owner_id = ? ORDER BY created_at", ConnectionStore::read, ownerId);
    }

    public void insert(Connection c) {
        sql.update("INSERT INTO connections (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())",
                c.id(), c.ownerId(), c.name(), c.sourceType(), c.keepCredentialsType(), c.keepSubject(), c.sealedRefreshToken(),
                c.notionDatabaseId(), c.sealedNotionToken(), c.scheduleMinutes(), c.enabled(), c.nextRunAt());
    }

    public void update(Connection c) {
        sql.update("""
                UPDATE connections SET name = ?, source_type = ?, keep_credentials_type = ?, keep_subject = ?, keep_refresh_token = ?,
                  notion_database_id = ?, notion_token = ?, schedule_minutes = ?, enabled = ?, next_run_at = ?, updated_at = now()
                WHERE id = ?""",
                c.name(), c.sourceType(), c.keepCredentialsType(), c.keepSubject(), c.sealedRefreshToken(),
                c.notionDatabaseId(), c.sealedNotionToken(), c.scheduleMinutes(), c.enabled(), c.nextRunAt(), c.id());
    }

    public boolean delete(UUID id) {
        return sql.update("DELETE FROM connections WHERE id = ?", id) == 1;
    }

    static Connection read(ResultSet r) throws SQLException {
        return new Connection(Sql.uuid(r, "id"), r.getString("owner_id"), r.getString("name"),
                SourceType.valueOf(r.getString("source_type")), r.getString("keep_credentials_type"), r.getString("keep_subject"),
                r.getString("keep_refresh_token"), r.getString("notion_database_id"), r.getString("notion_token"),
                (Integer) r.getObject("schedule_minutes"), r.getBoolean("enabled"), Sql.instant(r, "next_run_at"),
                Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }
}
