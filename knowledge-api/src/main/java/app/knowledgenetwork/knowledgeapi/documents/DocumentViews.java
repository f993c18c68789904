package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.auth.UserView;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Documents read by a list of ids: a search's page, the documents a list of documents links to, a graph's titles.
 * Plain statements with the ids as one array parameter: the entity query ({@code where d.id in :ids}) was translated
 * from HQL to SQL anew on every call (a list parameter's size is part of the SQL, so Hibernate keeps no plan for it) —
 * a third of a search's CPU in knowledge-api (JFR of bench/search).
 *
 * <p>In id order so that the primary key is the plan whatever the statistics say: when they say the table is empty
 * while it is not (analysed during the transaction that filled it: an import, a restore), every plan costs about
 * nothing and the planner may scan document_workspace_page whole instead, whose last column is the id — for every
 * call, until autovacuum analyses the table again (search-indexer's DocumentRows had it, bench/search fifteenth pass).
 * Only the primary key gives the order without a sort.
 */
public final class DocumentViews {
    static final String BY_ID = """
            SELECT d.id, d.workspace_id, d.parent_id, d.title, d.content, d.tags, d.revision, d.archived, d.trashed_at, d.created_at, d.updated_at,
                   a.id, a.email, a.display_name, u.id, u.email, u.display_name
              FROM document d JOIN app_user a ON a.id = d.created_by JOIN app_user u ON u.id = d.updated_by
             WHERE d.id = ANY (?)
             ORDER BY d.id""";
    static final String TITLES = "SELECT d.id, d.title FROM document d WHERE d.id = ANY (?) ORDER BY d.id";

    private DocumentViews() {
    }

    /**
     * The documents of {@code ids} that exist, trashed ones included, as DocumentView shows them (author and last editor
     * included), by id. Whether the caller may read them is the caller's to check.
     */
    public static Map<UUID, DocumentView> byId(EntityManager em, Collection<UUID> ids) {
        return read(em, BY_ID, ids, rs -> {
            UUID parent = rs.getObject(3, UUID.class);
            Array tags = rs.getArray(6);
            OffsetDateTime trashedAt = rs.getObject(9, OffsetDateTime.class);
            DocumentStatus status = trashedAt != null ? DocumentStatus.TRASHED : rs.getBoolean(8) ? DocumentStatus.ARCHIVED : DocumentStatus.ACTIVE;
            return new DocumentView(rs.getObject(1, UUID.class).toString(), rs.getObject(2, UUID.class).toString(), parent == null ? null : parent.toString(),
                    rs.getString(4), rs.getString(5), List.of((String[]) tags.getArray()), (int) rs.getLong(7), status,
                    UserView.of(rs.getObject(12, UUID.class).toString(), rs.getString(13), rs.getString(14)),
                    UserView.of(rs.getObject(15, UUID.class).toString(), rs.getString(16), rs.getString(17)),
                    rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getObject(11, OffsetDateTime.class).toInstant());
        });
    }

    /** The titles of the documents of {@code ids} that exist, by id. */
    static Map<UUID, String> titles(EntityManager em, Collection<UUID> ids) {
        return read(em, TITLES, ids, rs -> rs.getString(2));
    }

    /** What one row of a statement whose first column is the id reads as. */
    @FunctionalInterface
    private interface Row<V> {
        V of(ResultSet rs) throws SQLException;
    }

    private static <V> Map<UUID, V> read(EntityManager em, String sql, Collection<UUID> ids, Row<V> row) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Map<UUID, V> found = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getObject(1, UUID.class), row.of(rs));
                    }
                }
            }
            return found;
        });
    }
}
