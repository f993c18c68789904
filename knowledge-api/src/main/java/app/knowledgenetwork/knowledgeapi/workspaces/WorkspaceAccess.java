package app.knowledgenetwork.knowledgeapi.workspaces;

import app.knowledgenetwork.knowledgeapi.errors.Forbidden;
import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place roles are checked. A non-member learns nothing: the workspace (and all in it) is NOT_FOUND,
 * exactly as if it did not exist. A member lacking the role gets FORBIDDEN, since they can see the thing.
 */
@ApplicationScoped
public class WorkspaceAccess {
    private final EntityManager em;

    public WorkspaceAccess(EntityManager em) {
        this.em = em;
    }

    public Optional<WorkspaceRole> roleOf(UUID workspaceId, UUID userId) {
        @SuppressWarnings("unchecked")
        List<String> roles = em.createNativeQuery("SELECT role FROM workspace_member WHERE workspace_id = ?1 AND user_id = ?2", String.class)
                .setParameter(1, workspaceId)
                .setParameter(2, userId)
                .getResultList();
        return roles.stream().findFirst().map(WorkspaceRole::valueOf);
    }

    public WorkspaceRole require(UUID workspaceId, UUID userId, WorkspaceRole required, String notFoundMessage) {
        WorkspaceRole role = roleOf(workspaceId, userId).orElseThrow(() -> new NotFound(notFoundMessage));
        if (!role.atLeast(required)) {
            throw new Forbidden("This needs the " + required + " role in the workspace; you are " + role);
        }
        return role;
    }
}
