package app.knowledgenetwork.knowledgeapi.workspaces;

import app.knowledgenetwork.knowledgeapi.errors.Forbidden;
import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place roles are checked. A non-member learns nothing: the workspace (and all in it) is NOT_FOUND,
 * exactly as if it did not exist. A member lacking the role gets FORBIDDEN, since they can see the thing.
 * Roles are read through {@link MembershipCache}; whatever writes workspace_member calls {@link #membershipChanged}.
 */
@ApplicationScoped
public class WorkspaceAccess {
    private final EntityManager em;
    private final MembershipCache cache;
    private final Event<MembershipChanged> changes;

    public WorkspaceAccess(EntityManager em, MembershipCache cache, Event<MembershipChanged> changes) {
        this.em = em;
        this.cache = cache;
        this.changes = changes;
    }

    public Optional<WorkspaceRole> roleOf(UUID workspaceId, UUID userId) {
        return cache.roleOf(workspaceId, userId, () -> roleInDatabase(workspaceId, userId));
    }

    /** The role as cached, without blocking: a null item when only PostgreSQL can say ({@link #roleOf} then). */
    public Uni<WorkspaceRole> cachedRole(UUID workspaceId, UUID userId) {
        return cache.cachedRole(workspaceId, userId);
    }

    /** Call inside the transaction that writes workspace_member: the cached roles of the workspace go when it ends. */
    public void membershipChanged(UUID workspaceId) {
        changes.fire(new MembershipChanged(workspaceId));
    }

    // Native queries here and elsewhere name no result class: with one, Hibernate 7 adds a query-plan cache entry
    // on every call (keys that hash alike and never compare equal), which cost a quarter of a read's CPU.
    private Optional<WorkspaceRole> roleInDatabase(UUID workspaceId, UUID userId) {
        @SuppressWarnings("unchecked")
        List<String> roles = em.createNativeQuery("SELECT role FROM workspace_member WHERE workspace_id = ?1 AND user_id = ?2")
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
