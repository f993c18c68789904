package app.knowledgenetwork.knowledgeapi.search;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * What a search reads from PostgreSQL on every request besides its page of documents (DocumentViews): the caller's
 * workspaces. A plain statement, read now.
 */
final class SearchNodes {
    private static final String MEMBERSHIPS = "SELECT workspace_id FROM workspace_member WHERE user_id = ?";

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
}
