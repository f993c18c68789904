package app.knowledgenetwork.knowledgeapi.comments;

import app.knowledgenetwork.knowledgeapi.Outbox;
import app.knowledgenetwork.knowledgeapi.auth.UserView;
import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import app.knowledgenetwork.knowledgeapi.errors.Conflict;
import app.knowledgenetwork.knowledgeapi.errors.Forbidden;
import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import app.knowledgenetwork.knowledgeapi.paging.Cursor;
import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import app.knowledgenetwork.knowledgeapi.workspaces.WorkspaceAccess;
import app.knowledgenetwork.knowledgeapi.workspaces.WorkspaceRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Threaded comments. COMMENTER and above comment and resolve; authors edit and delete their own; OWNERs delete
 * any. Readers of the document read its comments.
 */
@ApplicationScoped
public class Comments {
    private static final String NOT_FOUND = "Comment not found";
    private static final String SELECT = """
            SELECT c.id, c.document_id, c.parent_id, c.body, c.resolved, c.created_at, c.updated_at, c.deleted_at,
                   u.id, u.email, u.display_name, u.platform_role
              FROM comment c JOIN app_user u ON u.id = c.author_id
            """;
    /**
     * Reads return only comments on documents of the caller's workspaces. The fields that read comments check this
     * themselves rather than trust that whatever led to the document or thread was authorized (review finding 11).
     */
    private static final String READABLE_BY_CALLER = " EXISTS (SELECT 1 FROM document d JOIN workspace_member m ON m.workspace_id = d.workspace_id"
            + " WHERE d.id = c.document_id AND m.user_id = :caller) ";

    /** Reads comment_document (V13), not the whole table. */
    static final String COUNTS = "SELECT c.document_id, count(*) FROM comment c WHERE c.document_id IN (:ids) AND c.deleted_at IS NULL AND"
            + READABLE_BY_CALLER + " GROUP BY c.document_id";

    private final EntityManager em;
    private final WorkspaceAccess access;
    private final Outbox outbox;

    public Comments(EntityManager em, WorkspaceAccess access, Outbox outbox) {
        this.em = em;
        this.access = access;
        this.outbox = outbox;
    }

    @Transactional
    public CommentView add(UUID caller, UUID documentId, String body, UUID parentId) {
        UUID workspaceId = workspaceOfDocument(documentId).orElseThrow(() -> new NotFound("Document not found"));
        access.require(workspaceId, caller, WorkspaceRole.COMMENTER, "Document not found");
        if (parentId != null) {
            CommentView parent = find(parentId).filter(c -> c.documentId().equals(documentId.toString()))
                    .orElseThrow(() -> new NotFound("parentId: comment not found on this document"));
            if (parent.parentId() != null) {
                // Threads are one level deep: a reply to a reply joins the thread.
                parentId = UUID.fromString(parent.parentId());
            }
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        em.createNativeQuery("INSERT INTO comment (id, document_id, parent_id, author_id, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)")
                .setParameter(1, id).setParameter(2, documentId).setParameter(3, parentId).setParameter(4, caller)
                .setParameter(5, validBody(body)).setParameter(6, now).executeUpdate();
        event(id, documentId, "CommentAdded");
        return find(id).orElseThrow();
    }

    @Transactional
    public CommentView edit(UUID caller, UUID id, String body) {
        CommentView c = forChange(caller, id, WorkspaceRole.COMMENTER);
        requireAuthor(caller, c, "edit");
        em.createNativeQuery("UPDATE comment SET body = ?2, updated_at = ?3 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, validBody(body)).setParameter(3, now()).executeUpdate();
        event(id, UUID.fromString(c.documentId()), "CommentEdited");
        return find(id).orElseThrow();
    }

    @Transactional
    public boolean delete(UUID caller, UUID id) {
        CommentView c = forChange(caller, id, WorkspaceRole.COMMENTER);
        WorkspaceRole role = access.roleOf(workspaceOfDocument(UUID.fromString(c.documentId())).orElseThrow(), caller).orElseThrow();
        if (role != WorkspaceRole.OWNER) {
            requireAuthor(caller, c, "delete");
        }
        em.createNativeQuery("UPDATE comment SET body = '', deleted_at = ?2, updated_at = ?2 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, now()).executeUpdate();
        event(id, UUID.fromString(c.documentId()), "CommentDeleted");
        return true;
    }

    @Transactional
    public CommentView setResolved(UUID caller, UUID id, boolean resolved) {
        CommentView c = forChange(caller, id, WorkspaceRole.COMMENTER);
        if (c.parentId() != null) {
            throw new BadUserInput("id: only a thread (a top-level comment) can be resolved or reopened");
        }
        em.createNativeQuery("UPDATE comment SET resolved = ?2, updated_at = ?3 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, resolved).setParameter(3, now()).executeUpdate();
        event(id, UUID.fromString(c.documentId()), resolved ? "CommentResolved" : "CommentReopened");
        return find(id).orElseThrow();
    }

    /** Top-level comments of a document, none unless the caller may read the document. */
    @Transactional
    public CommentView.CommentConnection threads(UUID caller, UUID documentId, Integer first, String after) {
        int size = Cursor.pageSize(first);
        Cursor from = Cursor.decode(after);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + """
                 WHERE c.document_id = :document AND c.parent_id IS NULL AND""" + READABLE_BY_CALLER + """
                   AND (CAST(:after AS timestamptz) IS NULL OR (c.created_at, c.id) > (CAST(:after AS timestamptz), :afterId))
                 ORDER BY c.created_at, c.id LIMIT :limit""")
                .setParameter("document", documentId).setParameter("caller", caller).setParameter("after", from == null ? null : from.time())
                .setParameter("afterId", from == null ? new UUID(0, 0) : from.id()).setParameter("limit", size + 1)
                .getResultList();
        List<CommentView.CommentEdge> edges = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(size, rows.size()))) {
            CommentView c = view(r);
            edges.add(new CommentView.CommentEdge(Cursor.at(c.createdAt(), UUID.fromString(c.id())).encode(), c));
        }
        return new CommentView.CommentConnection(edges, new PageInfo(rows.size() > size, edges.isEmpty() ? null : edges.getLast().cursor()));
    }

    /** Replies of many threads in one statement; none on documents the caller may not read. */
    @Transactional
    public Map<String, List<CommentView>> replies(UUID caller, Collection<String> threadIds) {
        Map<String, List<CommentView>> out = new HashMap<>();
        threadIds.forEach(id -> out.put(id, new ArrayList<>()));
        if (threadIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE c.parent_id IN (:ids) AND" + READABLE_BY_CALLER + " ORDER BY c.created_at, c.id")
                .setParameter("ids", threadIds.stream().map(UUID::fromString).toList()).setParameter("caller", caller).getResultList();
        rows.stream().map(Comments::view).forEach(c -> out.get(c.parentId()).add(c));
        return out;
    }

    /** Live comment counts of many documents in one statement; 0 for documents the caller may not read. */
    @Transactional
    public Map<String, Integer> counts(UUID caller, Collection<String> documentIds) {
        Map<String, Integer> out = new LinkedHashMap<>();
        documentIds.forEach(id -> out.put(id, 0));
        if (documentIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COUNTS)
                .setParameter("ids", documentIds.stream().map(UUID::fromString).toList()).setParameter("caller", caller).getResultList();
        rows.forEach(r -> out.put(r[0].toString(), ((Number) r[1]).intValue()));
        return out;
    }

    private CommentView forChange(UUID caller, UUID id, WorkspaceRole role) {
        CommentView c = find(id).orElseThrow(() -> new NotFound(NOT_FOUND));
        UUID workspaceId = workspaceOfDocument(UUID.fromString(c.documentId())).orElseThrow(() -> new NotFound(NOT_FOUND));
        access.require(workspaceId, caller, role, NOT_FOUND);
        if (c.deleted()) {
            throw new Conflict("The comment was deleted");
        }
        return c;
    }

    private static void requireAuthor(UUID caller, CommentView c, String action) {
        if (!c.author().id().equals(caller.toString())) {
            throw new Forbidden("Only the author can " + action + " this comment");
        }
    }

    private java.util.Optional<UUID> workspaceOfDocument(UUID documentId) {
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery("SELECT workspace_id FROM document WHERE id = ?1 AND trashed_at IS NULL")
                .setParameter(1, documentId).getResultList();
        return rows.stream().findFirst();
    }

    private java.util.Optional<CommentView> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE c.id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(Comments::view);
    }

    private void event(UUID commentId, UUID documentId, String type) {
        outbox.append("comment", commentId, type, 1, Map.of("id", commentId, "documentId", documentId));
    }

    private static CommentView view(Object[] r) {
        boolean deleted = r[7] != null;
        return new CommentView(r[0].toString(), r[1].toString(), r[2] == null ? null : r[2].toString(),
                UserView.of(r[8].toString(), (String) r[9], (String) r[10]),
                deleted ? null : (String) r[3], deleted, (Boolean) r[4], (Instant) r[5], (Instant) r[6]);
    }

    private static String validBody(String body) {
        String b = body == null ? "" : body.strip();
        if (b.isEmpty() || b.length() > 10_000) {
            throw new BadUserInput("body: must be 1 to 10000 characters");
        }
        return b;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
