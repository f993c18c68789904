package app.knowledgenetwork.knowledgeapi.workspaces;

import app.knowledgenetwork.knowledgeapi.cache.RedisCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Workspace roles in Redis, one hash per workspace (a field per user, "-" for a non-member), because every resolver
 * checks one. Any membership change drops the workspace's hash once its transaction has ended, committed or not, so
 * the next check (the writer's own included) reads PostgreSQL.
 */
@ApplicationScoped
public class MembershipCache {
    private static final String NOT_A_MEMBER = "-";

    private final RedisCache cache;

    public MembershipCache(RedisCache cache) {
        this.cache = cache;
    }

    public Optional<WorkspaceRole> roleOf(UUID workspaceId, UUID userId, Supplier<Optional<WorkspaceRole>> database) {
        String name = name(workspaceId);
        String field = userId.toString();
        RedisCache.Lookup lookup = cache.lookup(name, field);
        if (lookup.hit()) {
            return NOT_A_MEMBER.equals(lookup.value()) ? Optional.empty() : Optional.of(WorkspaceRole.valueOf(lookup.value()));
        }
        Optional<WorkspaceRole> role = database.get();
        cache.fill(name, field, lookup, role.map(Enum::name).orElse(NOT_A_MEMBER));
        return role;
    }

    /**
     * The caller's cached role, without blocking; a null item when the cache does not know it, and also for a cached
     * non-member (that rare answer is left to {@link #roleOf}, which reports it the one way all refusals are reported).
     */
    public Uni<WorkspaceRole> cachedRole(UUID workspaceId, UUID userId) {
        return cache.lookupAsync(name(workspaceId), userId.toString())
                .map(lookup -> !lookup.hit() || NOT_A_MEMBER.equals(lookup.value()) ? null : WorkspaceRole.valueOf(lookup.value()));
    }

    /** After a rollback too: a check inside the failed transaction may have cached what never committed. */
    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) MembershipChanged change) {
        invalidate(change.workspaceId());
    }

    public void invalidate(UUID workspaceId) {
        cache.invalidate(name(workspaceId));
    }

    static String name(UUID workspaceId) {
        return "members:" + workspaceId;
    }
}
