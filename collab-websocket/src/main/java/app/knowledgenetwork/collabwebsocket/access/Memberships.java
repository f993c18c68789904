package app.knowledgenetwork.collabwebsocket.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads roles and document states from knowledge-api's tables (workspace_member, document, app_user). */
@ApplicationScoped
public class Memberships {
    private static final String ACCESS = """
            SELECT d.workspace_id, d.trashed_at IS NOT NULL, d.archived, d.revision, m.role, u.disabled_at IS NOT NULL, u.display_name
              FROM document d
              LEFT JOIN workspace_member m ON m.workspace_id = d.workspace_id AND m.user_id = ?
              LEFT JOIN app_user u ON u.id = ?
             WHERE d.id = ?""";

    private final DataSource dataSource;

    public Memberships(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Blocks on PostgreSQL: call it off the event loop. */
    public DocumentAccess access(UUID userId, UUID documentId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ACCESS)) {
            s.setObject(1, userId);
            s.setObject(2, userId);
            s.setObject(3, documentId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return DocumentAccess.missing();
                }
                String role = r.getString(5);
                return new DocumentAccess(true, r.getBoolean(2), r.getBoolean(3), r.getObject(1, UUID.class), r.getLong(4),
                        role == null ? null : WorkspaceRole.valueOf(role), r.getBoolean(6), r.getString(7));
            }
        }
    }
}
