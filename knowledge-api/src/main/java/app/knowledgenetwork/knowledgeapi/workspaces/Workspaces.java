package app.knowledgenetwork.knowledgeapi.workspaces;

import app.knowledgenetwork.knowledgeapi.Outbox;
import app.knowledgenetwork.knowledgeapi.auth.Accounts;
import app.knowledgenetwork.knowledgeapi.auth.EmailProbes;
import app.knowledgenetwork.knowledgeapi.auth.User;
import app.knowledgenetwork.knowledgeapi.auth.UserView;
import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import app.knowledgenetwork.knowledgeapi.errors.Conflict;
import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import app.knowledgenetwork.knowledgeapi.paging.Cursor;
import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class Workspaces {
    static final String NOT_FOUND = "Workspace not found";

    private final EntityManager em;
    private final WorkspaceAccess access;
    private final Accounts accounts;
    private final Outbox outbox;

    private final EmailProbes probes;

    public Workspaces(EntityManager em, WorkspaceAccess access, Accounts accounts, Outbox outbox, EmailProbes probes) {
        this.probes = probes;
        this.em = em;
        this.access = access;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    @Transactional
    public WorkspaceView create(UUID caller, String name) {
        Workspace ws = new Workspace();
        ws.id = UUID.randomUUID();
        ws.name = validName(name);
        ws.createdAt = now();
        ws.updatedAt = ws.createdAt;
        em.persist(ws);
        em.flush();
        insertMember(ws.id, caller, WorkspaceRole.OWNER);
        outbox.append("workspace", ws.id, "WorkspaceCreated", 1, Map.of("id", ws.id, "name", ws.name));
        return new WorkspaceView(ws.id.toString(), ws.name, WorkspaceRole.OWNER, ws.createdAt);
    }

    @Transactional
    public WorkspaceView get(UUID caller, UUID id) {
        WorkspaceRole role = access.require(id, caller, WorkspaceRole.VIEWER, NOT_FOUND);
        Workspace ws = em.find(Workspace.class, id);
        return new WorkspaceView(ws.id.toString(), ws.name, role, ws.createdAt);
    }

    @Transactional
    public WorkspaceView rename(UUID caller, UUID id, String name) {
        access.require(id, caller, WorkspaceRole.OWNER, NOT_FOUND);
        Workspace ws = em.find(Workspace.class, id);
        ws.name = validName(name);
        ws.updatedAt = now();
        outbox.append("workspace", ws.id, "WorkspaceRenamed", 1, Map.of("id", ws.id, "name", ws.name));
        return new WorkspaceView(ws.id.toString(), ws.name, WorkspaceRole.OWNER, ws.createdAt);
    }

    @Transactional
    public boolean delete(UUID caller, UUID id) {
        access.require(id, caller, WorkspaceRole.OWNER, NOT_FOUND);
        access.membershipChanged(id);
        em.remove(em.find(Workspace.class, id));
        outbox.append("workspace", id, "WorkspaceDeleted", 1, Map.of("id", id));
        return true;
    }

    @Transactional
    public WorkspaceConnection list(UUID caller, Integer first, String after) {
        int size = Cursor.pageSize(first);
        Cursor from = Cursor.decode(after);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT w.id, w.name, m.role, w.created_at, m.created_at
                  FROM workspace_member m JOIN workspace w ON w.id = m.workspace_id
                 WHERE m.user_id = ?1 AND (CAST(?2 AS timestamptz) IS NULL OR (m.created_at, m.workspace_id) > (CAST(?2 AS timestamptz), ?3))
                 ORDER BY m.created_at, m.workspace_id
                 LIMIT ?4""")
                .setParameter(1, caller)
                .setParameter(2, from == null ? null : from.time())
                .setParameter(3, from == null ? new UUID(0, 0) : from.id())
                .setParameter(4, size + 1)
                .getResultList();
        List<WorkspaceConnection.WorkspaceEdge> edges = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(size, rows.size()))) {
            UUID id = (UUID) r[0];
            var view = new WorkspaceView(id.toString(), (String) r[1], WorkspaceRole.valueOf((String) r[2]), (Instant) r[3]);
            edges.add(new WorkspaceConnection.WorkspaceEdge(Cursor.at((Instant) r[4], id).encode(), view));
        }
        String end = edges.isEmpty() ? null : edges.getLast().cursor();
        return new WorkspaceConnection(edges, new PageInfo(rows.size() > size, end));
    }

    @Transactional
    public List<MemberView> members(UUID caller, UUID workspaceId) {
        access.require(workspaceId, caller, WorkspaceRole.VIEWER, NOT_FOUND);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT u.id, u.email, u.display_name, u.platform_role, m.role
                  FROM workspace_member m JOIN app_user u ON u.id = m.user_id
                 WHERE m.workspace_id = ?1 ORDER BY m.created_at, u.id""")
                .setParameter(1, workspaceId)
                .getResultList();
        return rows.stream().map(r -> new MemberView(
                UserView.of(r[0].toString(), (String) r[1], (String) r[2]), WorkspaceRole.valueOf((String) r[4]))).toList();
    }

    @Transactional
    public MemberView addMember(UUID caller, UUID workspaceId, String email, WorkspaceRole role) {
        access.require(workspaceId, caller, WorkspaceRole.OWNER, NOT_FOUND);
        // "Nobody is registered with" is a free probe of the user list (adding someone is not: they see the workspace),
        // so those answers are capped per caller (EmailProbes).
        EmailProbes.Probe probe = probes.begin("addMember", caller.toString());
        Optional<User> found = accounts.findByEmail(Accounts.normalizeEmail(email));
        if (found.isEmpty()) {
            throw new NotFound("email: no user is registered with " + Accounts.normalizeEmail(email));
        }
        probes.revealedNothing(probe);
        User user = found.get();
        if (access.roleOf(workspaceId, user.id).isPresent()) {
            throw new Conflict(user.email + " is already a member of this workspace");
        }
        insertMember(workspaceId, user.id, role);
        outbox.append("workspace", workspaceId, "MemberAdded", 1, Map.of("userId", user.id, "role", role.name()));
        return new MemberView(UserView.of(user), role);
    }

    @Transactional
    public MemberView changeRole(UUID caller, UUID workspaceId, UUID userId, WorkspaceRole role) {
        access.require(workspaceId, caller, WorkspaceRole.OWNER, NOT_FOUND);
        WorkspaceRole current = access.roleOf(workspaceId, userId).orElseThrow(() -> new NotFound("Member not found"));
        if (current == WorkspaceRole.OWNER && role != WorkspaceRole.OWNER) {
            requireAnotherOwner(workspaceId, userId);
        }
        access.membershipChanged(workspaceId);
        em.createNativeQuery("UPDATE workspace_member SET role = ?3 WHERE workspace_id = ?1 AND user_id = ?2")
                .setParameter(1, workspaceId).setParameter(2, userId).setParameter(3, role.name()).executeUpdate();
        outbox.append("workspace", workspaceId, "MemberRoleChanged", 1, Map.of("userId", userId, "role", role.name()));
        return new MemberView(UserView.of(em.find(User.class, userId)), role);
    }

    /** An OWNER removes anyone; any member may remove themself (leave). */
    @Transactional
    public boolean removeMember(UUID caller, UUID workspaceId, UUID userId) {
        if (!caller.equals(userId)) {
            access.require(workspaceId, caller, WorkspaceRole.OWNER, NOT_FOUND);
        }
        WorkspaceRole current = access.roleOf(workspaceId, userId)
                .orElseThrow(() -> new NotFound(caller.equals(userId) ? NOT_FOUND : "Member not found"));
        if (current == WorkspaceRole.OWNER) {
            requireAnotherOwner(workspaceId, userId);
        }
        access.membershipChanged(workspaceId);
        em.createNativeQuery("DELETE FROM workspace_member WHERE workspace_id = ?1 AND user_id = ?2")
                .setParameter(1, workspaceId).setParameter(2, userId).executeUpdate();
        outbox.append("workspace", workspaceId, "MemberRemoved", 1, Map.of("userId", userId));
        return true;
    }

    /** Locks the owners' rows so two owners cannot both step down at once and leave none. */
    private void requireAnotherOwner(UUID workspaceId, UUID leaving) {
        @SuppressWarnings("unchecked")
        List<UUID> owners = em.createNativeQuery("SELECT user_id FROM workspace_member WHERE workspace_id = ?1 AND role = 'OWNER' FOR UPDATE")
                .setParameter(1, workspaceId)
                .getResultList();
        if (owners.stream().noneMatch(o -> !o.equals(leaving))) {
            throw new Conflict("The last owner cannot leave or step down: make another member OWNER first");
        }
    }

    private void insertMember(UUID workspaceId, UUID userId, WorkspaceRole role) {
        access.membershipChanged(workspaceId);
        em.createNativeQuery("INSERT INTO workspace_member (workspace_id, user_id, role, created_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, workspaceId).setParameter(2, userId).setParameter(3, role.name()).setParameter(4, now())
                .executeUpdate();
    }

    private static String validName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new BadUserInput("name: must be 1 to 100 characters");
        }
        return n;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
