package app.knowledgenetwork.syncservice.mapping;

import app.knowledgenetwork.syncservice.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Where each connection's next incremental extraction starts: the watermark keep-extractor returned. */
@ApplicationScoped
public class Watermarks {

    private final Sql sql;

    public Watermarks(Sql sql) {
        this.sql = sql;
    }

    public Optional<String> of(UUID connectionId) {
        return sql.one("SELECT watermark FROM watermarks WHERE connection_id = ?", r -> r.getString(1), connectionId);
    }

    public void set(UUID connectionId, String watermark) {
        sql.update("""
                INSERT INTO watermarks (connection_id, watermark, updated_at) VALUES (?, ?, now())
                ON CONFLICT (connection_id) DO UPDATE SET watermark = excluded.watermark, updated_at = now()""",
                connectionId, watermark);
    }
}
