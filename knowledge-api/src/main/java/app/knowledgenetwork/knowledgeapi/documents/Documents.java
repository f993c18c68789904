package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.common.documents.VersionRetention;
import app.knowledgenetwork.common.links.WikiLinks;
import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.Outbox;
import app.knowledgenetwork.knowledgeapi.auth.User;
import app.knowledgenetwork.knowledgeapi.auth.UserView;
import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import app.knowledgenetwork.knowledgeapi.errors.Conflict;
import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import app.knowledgenetwork.knowledgeapi.paging.Cursor;
import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import app.knowledgenetwork.knowledgeapi.workspaces.WorkspaceAccess;
import app.knowledgenetwork.knowledgeapi.workspaces.WorkspaceRole;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.jpa.HibernateHints;

/**
 * Documents, their versions and links. Every change bumps the revision, keeps a version, recomputes the
 * document's outgoing links and appends an outbox event, all in one transaction, and fires {@link DocumentChanged}
 * (cache invalidation and live updates once committed). Reads by id go through {@link DocumentCache}, first pages of
 * listings through {@link DocumentListingCache}.
 */
@ApplicationScoped
public class Documents {
    static final String NOT_FOUND = "Document not found";
    private static final String FETCH = "select d from Document d join fetch d.author join fetch d.updatedBy ";
    private static final int MAX_CONTENT = 1_000_000;
    private static final int MAX_LINKS = 5_000;
    private static final int MAX_TAGS = 20;
    private static final int MAX_GRAPH_DEPTH = 3;

    private final EntityManager em;
    private final WorkspaceAccess access;
    private final Outbox outbox;
    private final DocumentMeters meters;
    private final DocumentCache cache;
    private final DocumentListingCache listings;
    private final Event<DocumentChanged> changed;
    private final VersionRetention retention;

    public Documents(EntityManager em, WorkspaceAccess access, Outbox outbox, DocumentMeters meters, DocumentCache cache,
                     DocumentListingCache listings, Event<DocumentChanged> changed,
                     @ConfigProperty(name = "kn.documents.versions-kept") int versionsKept) {
        this.retention = new VersionRetention(versionsKept);
        this.em = em;
        this.access = access;
        this.outbox = outbox;
        this.meters = meters;
        this.cache = cache;
        this.listings = listings;
        this.changed = changed;
    }

    /**
     * The document from the cache, if the cached membership lets the caller read it; otherwise a null item, and
     * {@link #get} decides (on a worker thread). Never blocks: the GraphQL query runs it on the event loop.
     */
    public Uni<DocumentView> cached(UUID caller, UUID id) {
        return cache.cached(id).onItem().ifNotNull().transformToUni(d -> access.cachedRole(UUID.fromString(d.workspaceId()), caller)
                .map(role -> readable(role) ? d : null));
    }

    /**
     * A first page of the listing from the cache, if the cached membership lets the caller read it; otherwise a null
     * item, and {@link #list} decides (on a worker thread). Never blocks. The page and the role are asked for at once.
     */
    public Uni<DocumentConnection> cachedList(UUID caller, UUID workspaceId, String parentId, DocumentStatus status, Integer first, String after) {
        if (after != null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.combine().all().unis(listings.cached(new DocumentListingCache.Listing(workspaceId, status, parentId, first)),
                access.cachedRole(workspaceId, caller)).with((page, role) -> readable(role) ? page : null);
    }

    private static boolean readable(WorkspaceRole cachedRole) {
        return cachedRole != null && cachedRole.atLeast(WorkspaceRole.VIEWER);
    }

    // Reads run without a JTA transaction (Quarkus gives them a request-scoped session): begin and commit, with
    // Hibernate's flush and dirty check of every loaded entity, were a tenth of a cached read's CPU (bench/graphql).
    public DocumentView get(UUID caller, UUID id) {
        DocumentView d = cache.get(id, () -> DocumentView.of(load(id)));
        access.require(UUID.fromString(d.workspaceId()), caller, WorkspaceRole.VIEWER, NOT_FOUND);
        return d;
    }

    @Transactional
    public DocumentView create(UUID caller, DocumentInput in) {
        UUID workspaceId = Ids.parse(in.workspaceId(), "Workspace");
        access.require(workspaceId, caller, WorkspaceRole.EDITOR, "Workspace not found");
        Document d = new Document();
        d.id = UUID.randomUUID();
        d.workspaceId = workspaceId;
        d.parentId = in.parentId() == null ? null : validParent(workspaceId, in.parentId(), null);
        d.title = validTitle(in.title());
        d.content = validContent(in.content() == null ? "" : in.content());
        d.tags = validTags(in.tags() == null ? List.of() : in.tags());
        d.revision = 1;
        d.author = em.find(User.class, caller);
        d.updatedBy = d.author;
        d.createdAt = now();
        d.updatedAt = d.createdAt;
        em.persist(d);
        em.flush();
        keepVersion(d);
        relink(d);
        relinkDocumentsMentioning(d);
        event(d, "DocumentCreated");
        meters.created().increment();
        return DocumentView.of(d);
    }

    @Transactional
    public DocumentView update(UUID caller, UUID id, int expectedRevision, DocumentChanges changes) {
        Document d = forChange(caller, id, expectedRevision);
        requireEditable(d);
        boolean retitled = false;
        if (changes.title() != null) {
            String title = validTitle(changes.title());
            retitled = !title.equals(d.title);
            d.title = title;
        }
        if (changes.content() != null) {
            d.content = validContent(changes.content());
        }
        if (changes.tags() != null) {
            d.tags = validTags(changes.tags());
        }
        saved(caller, d, "DocumentUpdated");
        if (retitled) {
            relinkDocumentsMentioning(d);
        }
        return DocumentView.of(d);
    }

    @Transactional
    public DocumentView move(UUID caller, UUID id, int expectedRevision, String parentId) {
        Document d = forChange(caller, id, expectedRevision);
        requireEditable(d);
        d.parentId = parentId == null ? null : validParent(d.workspaceId, parentId, d.id);
        saved(caller, d, "DocumentMoved");
        return DocumentView.of(d);
    }

    @Transactional
    public DocumentView setArchived(UUID caller, UUID id, Integer expectedRevision, boolean archived) {
        Document d = forChange(caller, id, expectedRevision);
        if (d.trashedAt != null) {
            throw new Conflict("The document is in the trash: restore it first");
        }
        if (d.archived == archived) {
            return DocumentView.of(d);
        }
        d.archived = archived;
        saved(caller, d, archived ? "DocumentArchived" : "DocumentUnarchived");
        return DocumentView.of(d);
    }

    @Transactional
    public DocumentView setTrashed(UUID caller, UUID id, Integer expectedRevision, boolean trashed) {
        Document d = forChange(caller, id, expectedRevision);
        if ((d.trashedAt != null) == trashed) {
            return DocumentView.of(d);
        }
        d.trashedAt = trashed ? now() : null;
        saved(caller, d, trashed ? "DocumentTrashed" : "DocumentRestored");
        if (!trashed) {
            relinkDocumentsMentioning(d);
        }
        return DocumentView.of(d);
    }

    /** Deletes a trashed document for good, with its versions and links; its children become roots. */
    @Transactional
    public boolean purge(UUID caller, UUID id) {
        Document d = forChange(caller, id, null);
        if (d.trashedAt == null) {
            throw new Conflict("Only a document in the trash can be purged: trash it first");
        }
        outbox.append("document", d.id, DocumentChanged.PURGED, d.revision + 1, Map.of("id", d.id, "workspaceId", d.workspaceId));
        changed.fire(new DocumentChanged(d.id, d.workspaceId, DocumentChanged.PURGED, d.revision + 1));
        em.createQuery("select c.id, c.revision from Document c where c.parentId = :id", Object[].class).setParameter("id", d.id).getResultList()
                .forEach(c -> changed.fire(new DocumentChanged((UUID) c[0], d.workspaceId, DocumentChanged.PARENT_PURGED, (Long) c[1])));
        em.remove(d);
        return true;
    }

    @Transactional
    public DocumentView restoreVersion(UUID caller, UUID id, int revision, int expectedRevision) {
        Document d = forChange(caller, id, expectedRevision);
        requireEditable(d);
        Object[] v = versionRow(d.id, revision);
        d.title = (String) v[0];
        d.content = (String) v[1];
        d.tags = (String[]) v[2];
        saved(caller, d, "DocumentUpdated");
        relinkDocumentsMentioning(d);
        return DocumentView.of(d);
    }

    public DocumentConnection list(UUID caller, UUID workspaceId, String parentId, DocumentStatus status, Integer first, String after) {
        access.require(workspaceId, caller, WorkspaceRole.VIEWER, "Workspace not found");
        int size = Cursor.pageSize(first);
        Cursor from = Cursor.decode(after);
        if (from == null) {
            return listings.get(new DocumentListingCache.Listing(workspaceId, status, parentId, first), () -> page(workspaceId, parentId, status, size, null));
        }
        return page(workspaceId, parentId, status, size, from);
    }

    private DocumentConnection page(UUID workspaceId, String parentId, DocumentStatus status, int size, Cursor from) {
        StringBuilder jpql = new StringBuilder(FETCH).append("where d.workspaceId = :ws ");
        jpql.append(switch (status == null ? DocumentStatus.ACTIVE : status) {
            case ACTIVE -> "and d.trashedAt is null and d.archived = false ";
            case ARCHIVED -> "and d.trashedAt is null and d.archived = true ";
            case TRASHED -> "and d.trashedAt is not null ";
        });
        if (parentId != null) {
            jpql.append("and d.parentId = :parent ");
        }
        if (from != null) {
            jpql.append("and (d.createdAt > :at or (d.createdAt = :at and d.id > :id)) ");
        }
        jpql.append("order by d.createdAt, d.id");
        TypedQuery<Document> query = em.createQuery(jpql.toString(), Document.class).setParameter("ws", workspaceId).setMaxResults(size + 1)
                .setHint(HibernateHints.HINT_READ_ONLY, true);
        if (parentId != null) {
            query.setParameter("parent", Ids.parse(parentId, "Parent document"));
        }
        if (from != null) {
            query.setParameter("at", from.time()).setParameter("id", from.id());
        }
        List<Document> rows = query.getResultList();
        List<DocumentConnection.DocumentEdge> edges = rows.subList(0, Math.min(size, rows.size())).stream()
                .map(d -> new DocumentConnection.DocumentEdge(Cursor.at(d.createdAt, d.id).encode(), DocumentView.of(d)))
                .toList();
        return new DocumentConnection(edges, new PageInfo(rows.size() > size, edges.isEmpty() ? null : edges.getLast().cursor()));
    }

    @Transactional
    public DocumentVersionView.DocumentVersionConnection versions(UUID caller, UUID id, Integer first, String after) {
        readable(caller, id, WorkspaceRole.VIEWER);
        int size = Cursor.pageSize(first);
        Cursor from = Cursor.decode(after);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT v.revision, v.title, v.content, v.tags, v.created_at, u.id, u.email, u.display_name, u.platform_role
                  FROM document_version v JOIN app_user u ON u.id = v.author_id
                 WHERE v.document_id = ?1 AND v.revision < ?2
                 ORDER BY v.revision DESC LIMIT ?3""")
                .setParameter(1, id)
                .setParameter(2, from == null ? Long.MAX_VALUE : from.key())
                .setParameter(3, size + 1)
                .getResultList();
        List<DocumentVersionView.DocumentVersionEdge> edges = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(size, rows.size()))) {
            var version = versionView(r);
            edges.add(new DocumentVersionView.DocumentVersionEdge(new Cursor(version.revision(), id).encode(), version));
        }
        return new DocumentVersionView.DocumentVersionConnection(edges,
                new PageInfo(rows.size() > size, edges.isEmpty() ? null : edges.getLast().cursor()));
    }

    @Transactional
    public DocumentVersionView version(UUID caller, UUID id, int revision) {
        readable(caller, id, WorkspaceRole.VIEWER);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT v.revision, v.title, v.content, v.tags, v.created_at, u.id, u.email, u.display_name, u.platform_role
                  FROM document_version v JOIN app_user u ON u.id = v.author_id
                 WHERE v.document_id = ?1 AND v.revision = ?2""")
                .setParameter(1, id).setParameter(2, (long) revision)
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("Version " + revision + " of this document not found (only the latest " + retention.kept() + " versions are kept)");
        }
        return versionView(rows.getFirst());
    }

    /** Links and backlinks per document when the query does not say how many (1..100). */
    public static final int DEFAULT_LINKS = 50;

    /**
     * For each document of a batch (a page of documents, or the links of the level above), the documents linking
     * to it (backlinks) or linked from it, by title, trashed ones left out, at most {@code first} each: one
     * statement for the whole batch, where one per document made nested link queries cost a statement per item.
     */
    @Transactional
    public List<List<DocumentView>> linked(UUID caller, List<DocumentView> documents, boolean incoming, Integer first) {
        int limit = Cursor.pageSize(first, DEFAULT_LINKS, Cursor.MAX_PAGE);
        // The documents were readable when their parent field returned them; the field checks again all the same.
        for (String workspaceId : documents.stream().map(DocumentView::workspaceId).distinct().toList()) {
            access.require(UUID.fromString(workspaceId), caller, WorkspaceRole.VIEWER, NOT_FOUND);
        }
        List<UUID> keys = documents.stream().map(d -> UUID.fromString(d.id())).distinct().toList();
        String from = incoming ? "l.target_id" : "l.source_id";
        String to = incoming ? "l.source_id" : "l.target_id";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT key, id FROM (
                  SELECT %s AS key, d.id, row_number() OVER (PARTITION BY %s ORDER BY d.title, d.id) AS n
                    FROM document_link l JOIN document d ON d.id = %s AND d.trashed_at IS NULL
                   WHERE %s IN (:keys)) ranked
                 WHERE n <= :limit ORDER BY key, n""".formatted(from, from, to, from))
                .setParameter("keys", keys).setParameter("limit", limit).getResultList();
        Map<UUID, DocumentView> found = DocumentViews.byId(em, rows.stream().map(r -> (UUID) r[1]).distinct().toList());
        Map<UUID, List<DocumentView>> byKey = new HashMap<>();
        for (Object[] r : rows) {
            DocumentView linked = found.get((UUID) r[1]);
            if (linked != null) {
                byKey.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(linked);
            }
        }
        return documents.stream().map(d -> byKey.getOrDefault(UUID.fromString(d.id()), List.of())).toList();
    }

    /** Breadth-first over links in both directions, one statement per level. */
    @Transactional
    public GraphView graph(UUID caller, UUID workspaceId, UUID rootId, int depth) {
        access.require(workspaceId, caller, WorkspaceRole.VIEWER, "Workspace not found");
        if (depth < 0 || depth > MAX_GRAPH_DEPTH) {
            throw new BadUserInput("depth: must be between 0 and " + MAX_GRAPH_DEPTH + ", was " + depth);
        }
        Document root = em.find(Document.class, rootId);
        if (root == null || !root.workspaceId.equals(workspaceId) || root.trashedAt != null) {
            throw new NotFound(NOT_FOUND);
        }
        Map<UUID, Integer> distance = new LinkedHashMap<>();
        distance.put(rootId, 0);
        Set<GraphView.Edge> edges = new LinkedHashSet<>();
        Set<UUID> frontier = Set.of(rootId);
        for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT l.source_id, l.target_id FROM document_link l
                      JOIN document s ON s.id = l.source_id AND s.trashed_at IS NULL
                      JOIN document t ON t.id = l.target_id AND t.trashed_at IS NULL
                     WHERE l.workspace_id = :ws AND (l.source_id IN (:f) OR l.target_id IN (:f))""")
                    .setParameter("ws", workspaceId).setParameter("f", frontier).getResultList();
            Set<UUID> next = new HashSet<>();
            for (Object[] r : rows) {
                UUID s = (UUID) r[0], t = (UUID) r[1];
                edges.add(new GraphView.Edge(s.toString(), t.toString()));
                for (UUID n : List.of(s, t)) {
                    if (!distance.containsKey(n)) {
                        distance.put(n, level);
                        next.add(n);
                    }
                }
            }
            frontier = next;
        }
        Map<UUID, String> titles = DocumentViews.titles(em, distance.keySet());
        List<GraphView.Node> nodes = distance.entrySet().stream()
                .map(e -> new GraphView.Node(e.getKey().toString(), titles.get(e.getKey()), e.getValue())).toList();
        return new GraphView(nodes, List.copyOf(edges));
    }

    private Document readable(UUID caller, UUID id, WorkspaceRole role) {
        Document d = load(id);
        access.require(d.workspaceId, caller, role, NOT_FOUND);
        return d;
    }

    private Document load(UUID id) {
        return em.createQuery(FETCH + "where d.id = :id", Document.class).setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFound(NOT_FOUND));
    }

    /** Loads, checks the EDITOR role, then locks the row and compares revisions on the locked, fresh state. */
    private Document forChange(UUID caller, UUID id, Integer expectedRevision) {
        Document d = readable(caller, id, WorkspaceRole.EDITOR);
        em.refresh(d, LockModeType.PESSIMISTIC_WRITE);
        if (expectedRevision != null && d.revision != expectedRevision) {
            throw new Conflict("Stale revision: expected " + expectedRevision + " but the document is at revision " + d.revision
                    + "; reload it and apply your change again");
        }
        return d;
    }

    private static void requireEditable(Document d) {
        if (d.trashedAt != null) {
            throw new Conflict("The document is in the trash: restore it first");
        }
        if (d.archived) {
            throw new Conflict("The document is archived: unarchive it first");
        }
    }

    private void saved(UUID caller, Document d, String eventType) {
        d.revision++;
        d.updatedBy = em.find(User.class, caller);
        d.updatedAt = now();
        em.flush();
        keepVersion(d);
        relink(d);
        event(d, eventType);
    }

    private void keepVersion(Document d) {
        em.createNativeQuery("INSERT INTO document_version (document_id, revision, title, content, tags, author_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, d.id).setParameter(2, d.revision).setParameter(3, d.title).setParameter(4, d.content)
                .setParameter(5, d.tags).setParameter(6, d.updatedBy.id).setParameter(7, d.updatedAt)
                .executeUpdate();
        em.createNativeQuery(VersionRetention.PRUNE).setParameter(1, d.id).setParameter(2, retention.oldestDropped(d.revision)).executeUpdate();
    }

    private void event(Document d, String type) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", d.id);
        payload.put("workspaceId", d.workspaceId);
        payload.put("parentId", d.parentId);
        payload.put("title", d.title);
        payload.put("tags", d.tags);
        payload.put("status", d.status().name());
        payload.put("revision", d.revision);
        payload.put("updatedBy", d.updatedBy.id);
        outbox.append("document", d.id, type, d.revision, payload);
        changed.fire(new DocumentChanged(d.id, d.workspaceId, type, d.revision));
    }

    /** Replaces the document's outgoing edges with what its content links to now. */
    private void relink(Document d) {
        em.createNativeQuery("DELETE FROM document_link WHERE source_id = ?1").setParameter(1, d.id).executeUpdate();
        if (d.trashedAt != null) {
            return;
        }
        WikiLinks.Targets targets = WikiLinks.extract(d.content);
        Set<UUID> ids = new LinkedHashSet<>();
        if (!targets.lowerCaseTitles().isEmpty()) {
            ids.addAll(em.createQuery("select d.id from Document d where d.workspaceId = :ws and lower(d.title) in :titles and d.trashedAt is null", UUID.class)
                    .setParameter("ws", d.workspaceId).setParameter("titles", targets.lowerCaseTitles()).getResultList());
        }
        if (!targets.ids().isEmpty()) {
            ids.addAll(em.createQuery("select d.id from Document d where d.workspaceId = :ws and d.id in :ids and d.trashedAt is null", UUID.class)
                    .setParameter("ws", d.workspaceId).setParameter("ids", targets.ids()).getResultList());
        }
        ids.remove(d.id);
        for (UUID target : ids) {
            em.createNativeQuery("INSERT INTO document_link (source_id, target_id, workspace_id) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                    .setParameter(1, d.id).setParameter(2, target).setParameter(3, d.workspaceId).executeUpdate();
        }
    }

    /** A [[Title]] written before its document existed (or was renamed to it) becomes an edge now. */
    private void relinkDocumentsMentioning(Document target) {
        String pattern = "%[[" + target.title.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Document> mentioning = em.createQuery(
                        "select d from Document d where d.workspaceId = :ws and d.trashedAt is null and d.id <> :self and lower(d.content) like :p escape '\\'",
                        Document.class)
                .setParameter("ws", target.workspaceId).setParameter("self", target.id).setParameter("p", pattern).getResultList();
        mentioning.forEach(this::relink);
    }

    private UUID validParent(UUID workspaceId, String parentId, UUID moving) {
        UUID id = Ids.parse(parentId, "Parent document");
        Document parent = em.find(Document.class, id);
        if (parent == null || !parent.workspaceId.equals(workspaceId) || parent.trashedAt != null) {
            throw new NotFound("parentId: parent document not found in this workspace");
        }
        if (moving != null) {
            Number cycles = (Number) em.createNativeQuery("""
                    WITH RECURSIVE up(id, parent_id) AS (
                        SELECT id, parent_id FROM document WHERE id = ?1
                        UNION ALL SELECT d.id, d.parent_id FROM document d JOIN up ON d.id = up.parent_id)
                    SELECT count(*) FROM up WHERE id = ?2""")
                    .setParameter(1, id).setParameter(2, moving).getSingleResult();
            if (cycles.longValue() > 0) {
                throw new BadUserInput("parentId: a document cannot be moved under itself or one of its descendants");
            }
        }
        return id;
    }

    private Object[] versionRow(UUID id, int revision) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT title, content, tags FROM document_version WHERE document_id = ?1 AND revision = ?2")
                .setParameter(1, id).setParameter(2, (long) revision).getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("Version " + revision + " of this document not found (only the latest " + retention.kept() + " versions are kept)");
        }
        return rows.getFirst();
    }

    private static DocumentVersionView versionView(Object[] r) {
        return new DocumentVersionView(((Number) r[0]).intValue(), (String) r[1], (String) r[2], List.of((String[]) r[3]),
                UserView.of(r[5].toString(), (String) r[6], (String) r[7]), (Instant) r[4]);
    }

    private static String validTitle(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > 200) {
            throw new BadUserInput("title: must be 1 to 200 characters");
        }
        if (t.contains("[[") || t.contains("]]")) {
            throw new BadUserInput("title: must not contain [[ or ]]");
        }
        return t;
    }

    private static String validContent(String content) {
        if (content.length() > MAX_CONTENT) {
            throw new BadUserInput("content: at most " + MAX_CONTENT + " characters, was " + content.length());
        }
        // Each target is a parameter of one statement (PostgreSQL takes at most 32,767): refused here, not a 500 there.
        WikiLinks.Targets targets = WikiLinks.extract(content);
        int links = targets.lowerCaseTitles().size() + targets.ids().size();
        if (links > MAX_LINKS) {
            throw new BadUserInput("content: links to " + links + " different documents; at most " + MAX_LINKS);
        }
        return content;
    }

    private static String[] validTags(List<String> tags) {
        Set<String> clean = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag == null) {
                throw new BadUserInput("tags: must not contain null");
            }
            String t = tag.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty() || t.length() > 50) {
                throw new BadUserInput("tags: each tag must be 1 to 50 characters, '" + tag + "' is not");
            }
            clean.add(t);
        }
        if (clean.size() > MAX_TAGS) {
            throw new BadUserInput("tags: at most " + MAX_TAGS + " tags, got " + clean.size());
        }
        return clean.toArray(String[]::new);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
