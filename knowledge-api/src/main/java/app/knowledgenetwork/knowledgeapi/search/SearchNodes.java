package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.knowledgeapi.auth.UserView;
import app.knowledgenetwork.knowledgeapi.documents.DocumentStatus;
import app.knowledgenetwork.knowledgeapi.documents.DocumentView;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * What a search reads from PostgreSQL on every request: the caller's workspaces, and the page's documents as they are
 * now. Plain statements with the ids as one array parameter: the entity query ({@code where d.id in :ids}) was
 * translated from HQL to SQL anew on every call (a list parameter's size is part of the SQL, so Hibernate keeps no
 * plan for it) — a third of a search's CPU in knowledge-api (JFR of bench/search).
 */
final class SearchNodes {
    private static final String MEMBERSHIPS = "SELECT workspace_id FROM workspace_member WHERE user_id = ?";
    /**
     * In id order so that the primary key is the plan whatever the statistics say: when they say the table is empty
     * while it is not (analysed during the transaction that filled it: an import, a restore), every plan costs about
     * nothing and the planner may scan document_workspace_page whole instead, whose last column is the id — for every
     * search, until autovacuum analyses the table again (search-indexer's DocumentRows had it, bench/search fifteenth
     * pass). Only the primary key gives the order without a sort.
     */
    static final String DOCUMENTS = """
            SELECT d.id, d.workspace_id, d.parent_id, d.title, d.content, d.tags, d.revision, d.archived, d.trashed_at, d.created_at, d.updated_at,
                   a.id, a.email, a.display_name, u.id, u.email, u.display_name
              FROM document d JOIN app_user a ON a.id = d.created_by JOIN app_user u ON u.id = d.updated_by
             WHERE d.id = ANY (?)
             ORDER BY d.id""";

    private SearchNodes() {
    }

    /** The workspaces {@code user} is a member of, read now: a member removed a moment ago has them no more. */
    static Set<UUID> memberships(EntityManager em, UUID user) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<UUID> workspaces = new LinkedHashSet<>();
            try (PreparedStatement select = connection.prepareStatement(MEMBERSHIPS)) {
                select.setObject(1, user);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        workspaces.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return workspaces;
        });
    }

    /** The documents of {@code ids} that exist, by id, as DocumentView shows them (author and last editor included). */
    static Map<UUID, DocumentView> documents(EntityManager em, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.unwrap(Session.class).doReturningWork(connection -> read(connection, ids));
    }

    private static Map<UUID, DocumentView> read(Connection connection, List<UUID> ids) throws SQLException {
        Map<UUID, DocumentView> documents = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(DOCUMENTS)) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    UUID parent = rs.getObject(3, UUID.class);
                    Array tags = rs.getArray(6);
                    OffsetDateTime trashedAt = rs.getObject(9, OffsetDateTime.class);
                    DocumentStatus status = trashedAt != null ? DocumentStatus.TRASHED : rs.getBoolean(8) ? DocumentStatus.ARCHIVED : DocumentStatus.ACTIVE;
                    documents.put(id, new DocumentView(id.toString(), rs.getObject(2, UUID.class).toString(), parent == null ? null : parent.toString(),
                            rs.getString(4), rs.getString(5), List.of((String[]) tags.getArray()), (int) rs.getLong(7), status,
                            UserView.of(rs.getObject(12, UUID.class).toString(), rs.getString(13), rs.getString(14)),
                            UserView.of(rs.getObject(15, UUID.class).toString(), rs.getString(16), rs.getString(17)),
                            rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getObject(11, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return documents;
    }
}
