package app.knowledgenetwork.knowledgeapi.documents;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Gql.Session;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
public class DocumentTest {
    static final String FIELDS = "id title content tags revision status parentId author { id } updatedBy { id }";
    static final String CREATE = "mutation($in: DocumentInput!) { createDocument(input: $in) { " + FIELDS + " } }";
    static final String UPDATE = "mutation($id: ID!, $rev: Int!, $ch: DocumentChanges!) { updateDocument(id: $id, expectedRevision: $rev, changes: $ch) { " + FIELDS + " } }";
    static final String GET = "query($id: ID!) { document(id: $id) { " + FIELDS + " } }";

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kn.documents.versions-kept")
    int versionsKept;

    /** Finding 12: a document's versions are bounded; the oldest go as new ones are saved. */
    @Test
    void onlyTheLatestVersionsAreKept() {
        Session owner = Gql.newUser("owner");
        String id = createId(owner, workspace(owner), "Busy", "v1");
        int saves = versionsKept + 3;
        for (int revision = 1; revision < saves; revision++) {
            JsonPath r = call(owner.accessToken(), UPDATE, "id", id, "rev", revision, "ch", Map.of("content", "v" + (revision + 1)));
            assertNull(r.get("errors"), r.prettify());
        }
        Number stored = (Number) em.createNativeQuery("SELECT count(*) FROM document_version WHERE document_id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult();
        assertEquals(versionsKept, stored.intValue(), "versions stored");

        String version = "query($id: ID!, $r: Int!) { documentVersion(id: $id, revision: $r) { revision content } }";
        assertEquals("v" + saves, call(owner.accessToken(), version, "id", id, "r", saves).getString("data.documentVersion.content"));
        int oldestKept = saves - versionsKept + 1;
        assertEquals("v" + oldestKept, call(owner.accessToken(), version, "id", id, "r", oldestKept).getString("data.documentVersion.content"));
        JsonPath gone = call(owner.accessToken(), version, "id", id, "r", oldestKept - 1);
        assertEquals("NOT_FOUND", errorCode(gone));
        assertTrue(gone.getString("errors[0].message").contains("only the latest " + versionsKept + " versions are kept"), gone.prettify());
    }

    public static String workspace(Session owner) {
        return call(owner.accessToken(), "mutation { createWorkspace(name: \"Docs\") { id } }").getString("data.createWorkspace.id");
    }

    public static void addMember(Session owner, String ws, Session user, String role) {
        JsonPath r = call(owner.accessToken(), "mutation($w: ID!, $e: String!, $r: WorkspaceRole!) { addMember(workspaceId: $w, email: $e, role: $r) { role } }",
                "w", ws, "e", user.email(), "r", role);
        assertNull(r.get("errors"), r.prettify());
    }

    public static JsonPath create(Session user, String ws, String title, String content, Object... more) {
        Map<String, Object> in = new java.util.HashMap<>(Map.of("workspaceId", ws, "title", title, "content", content));
        for (int i = 0; i < more.length; i += 2) {
            in.put((String) more[i], more[i + 1]);
        }
        return call(user.accessToken(), CREATE, "in", in);
    }

    public static String createId(Session user, String ws, String title, String content) {
        JsonPath r = create(user, ws, title, content);
        assertNull(r.get("errors"), r.prettify());
        return r.getString("data.createDocument.id");
    }

    @Test
    void ofParallelUpdatesAtOneRevisionExactlyOneWins() throws Exception {
        Session owner = Gql.newUser("racer");
        String id = createId(owner, workspace(owner), "Contested", "v1");
        int n = 12;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        List<String> codes;
        try {
            List<java.util.concurrent.Callable<String>> updates = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String content = "written by " + i;
                updates.add(() -> {
                    JsonPath r = call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", content));
                    return r.get("errors") == null ? "OK" : errorCode(r);
                });
            }
            codes = new java.util.ArrayList<>();
            for (var f : pool.invokeAll(updates)) {
                codes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, codes.stream().filter("OK"::equals).count(), codes.toString());
        assertEquals(n - 1, codes.stream().filter("CONFLICT"::equals).count(), codes.toString());
        JsonPath now = call(owner.accessToken(), "query($id: ID!) { document(id: $id) { revision versions(first: 10) { edges { node { revision } } } } }", "id", id);
        assertEquals(2, now.getInt("data.document.revision"));
        assertEquals(List.of(2, 1), now.getList("data.document.versions.edges.node.revision"));
    }

    @Test
    void createAndUpdateWithOptimisticConcurrencyKeepingEveryVersion() {
        Session owner = Gql.newUser("writer");
        String ws = workspace(owner);
        JsonPath created = create(owner, ws, "Plan", "# Plan", "tags", List.of(" Roadmap", "roadmap", "Q1"));
        assertEquals(List.of("roadmap", "q1"), created.getList("data.createDocument.tags"));
        assertEquals(1, created.getInt("data.createDocument.revision"));
        assertEquals(owner.userId(), created.getString("data.createDocument.author.id"));
        String id = created.getString("data.createDocument.id");

        JsonPath updated = call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", "# Plan v2"));
        assertEquals(2, updated.getInt("data.updateDocument.revision"));
        assertEquals("Plan", updated.getString("data.updateDocument.title"));

        JsonPath stale = call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", "lost update"));
        assertEquals("CONFLICT", errorCode(stale));
        assertTrue(stale.getString("errors[0].message").contains("revision 2"));
        assertEquals("# Plan v2", call(owner.accessToken(), GET, "id", id).getString("data.document.content"));

        JsonPath versions = call(owner.accessToken(), "query($id: ID!) { document(id: $id) { versions { edges { node { revision content } } } } }", "id", id);
        assertEquals(List.of(2, 1), versions.getList("data.document.versions.edges.node.revision"));
        assertEquals("# Plan", call(owner.accessToken(), "query($id: ID!) { documentVersion(id: $id, revision: 1) { content } }", "id", id)
                .getString("data.documentVersion.content"));

        JsonPath restored = call(owner.accessToken(), "mutation($id: ID!) { restoreDocumentVersion(id: $id, revision: 1, expectedRevision: 2) { revision content } }", "id", id);
        assertEquals(3, restored.getInt("data.restoreDocumentVersion.revision"));
        assertEquals("# Plan", restored.getString("data.restoreDocumentVersion.content"));

        // Every change wrote its outbox event in the same transaction.
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("SELECT event_type, revision FROM outbox_event WHERE aggregate_id = ?1 ORDER BY id")
                .setParameter(1, UUID.fromString(id)).getResultList();
        assertEquals(List.of("DocumentCreated", "DocumentUpdated", "DocumentUpdated"), events.stream().map(e -> e[0]).toList());
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> ((Number) e[1]).longValue()).toList());
    }

    @Test
    void rolesAreCheckedAndStrangersSeeNothing() {
        Session owner = Gql.newUser("owner");
        Session viewer = Gql.newUser("viewer");
        Session commenter = Gql.newUser("commenter");
        Session stranger = Gql.newUser("stranger");
        String ws = workspace(owner);
        addMember(owner, ws, viewer, "VIEWER");
        addMember(owner, ws, commenter, "COMMENTER");
        String id = createId(owner, ws, "Secret", "text");

        assertEquals("Secret", call(viewer.accessToken(), GET, "id", id).getString("data.document.title"));
        assertEquals("FORBIDDEN", errorCode(call(viewer.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("title", "Mine"))));
        assertEquals("FORBIDDEN", errorCode(call(commenter.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("title", "Mine"))));
        assertEquals("FORBIDDEN", errorCode(create(viewer, ws, "New", "")));

        JsonPath hidden = call(stranger.accessToken(), GET, "id", id);
        assertEquals("NOT_FOUND", errorCode(hidden));
        assertEquals(hidden.getString("errors[0].message"), call(stranger.accessToken(), GET, "id", UUID.randomUUID().toString()).getString("errors[0].message"));
        assertEquals("NOT_FOUND", errorCode(call(stranger.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("title", "x"))));
        assertEquals("NOT_FOUND", errorCode(create(stranger, ws, "Intruder", "")));
        assertEquals("UNAUTHENTICATED", errorCode(call(null, GET, "id", id)));
    }

    @Test
    void treeMovesRefuseCyclesAndArchiveTrashRestorePurgeWork() {
        Session owner = Gql.newUser("gardener");
        String ws = workspace(owner);
        String root = createId(owner, ws, "Root", "");
        JsonPath child = create(owner, ws, "Child", "", "parentId", root);
        assertEquals(root, child.getString("data.createDocument.parentId"));
        String childId = child.getString("data.createDocument.id");

        String move = "mutation($id: ID!, $rev: Int!, $p: ID) { moveDocument(id: $id, expectedRevision: $rev, parentId: $p) { parentId revision } }";
        assertEquals("BAD_USER_INPUT", errorCode(call(owner.accessToken(), move, "id", root, "rev", 1, "p", childId)));
        assertEquals("CONFLICT", errorCode(call(owner.accessToken(), move, "id", childId, "rev", 7, "p", null)));
        JsonPath moved = call(owner.accessToken(), move, "id", childId, "rev", 1, "p", null);
        assertNull(moved.getString("data.moveDocument.parentId"));
        assertEquals(2, moved.getInt("data.moveDocument.revision"));

        String list = "query($w: ID!, $s: DocumentStatus) { documents(workspaceId: $w, status: $s) { edges { node { id } } } }";
        assertEquals("ARCHIVED", call(owner.accessToken(), "mutation($id: ID!) { archiveDocument(id: $id) { status } }", "id", childId).getString("data.archiveDocument.status"));
        assertEquals(List.of(root), call(owner.accessToken(), list, "w", ws, "s", "ACTIVE").getList("data.documents.edges.node.id"));
        assertEquals(List.of(childId), call(owner.accessToken(), list, "w", ws, "s", "ARCHIVED").getList("data.documents.edges.node.id"));
        assertEquals("CONFLICT", errorCode(call(owner.accessToken(), UPDATE, "id", childId, "rev", 3, "ch", Map.of("title", "x"))));
        assertEquals("ACTIVE", call(owner.accessToken(), "mutation($id: ID!) { unarchiveDocument(id: $id) { status } }", "id", childId).getString("data.unarchiveDocument.status"));

        String purge = "mutation($id: ID!) { purgeDocument(id: $id) }";
        assertEquals("CONFLICT", errorCode(call(owner.accessToken(), purge, "id", childId)));
        assertEquals("TRASHED", call(owner.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", childId).getString("data.trashDocument.status"));
        assertEquals(List.of(childId), call(owner.accessToken(), list, "w", ws, "s", "TRASHED").getList("data.documents.edges.node.id"));
        assertEquals("ACTIVE", call(owner.accessToken(), "mutation($id: ID!) { restoreDocument(id: $id) { status } }", "id", childId).getString("data.restoreDocument.status"));
        call(owner.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", childId);
        assertTrue(call(owner.accessToken(), purge, "id", childId).getBoolean("data.purgeDocument"));
        assertEquals("NOT_FOUND", errorCode(call(owner.accessToken(), GET, "id", childId)));

        @SuppressWarnings("unchecked")
        List<String> events = em.createNativeQuery("SELECT event_type FROM outbox_event WHERE aggregate_id = ?1 ORDER BY id")
                .setParameter(1, UUID.fromString(childId)).getResultList();
        assertEquals(List.of("DocumentCreated", "DocumentMoved", "DocumentArchived", "DocumentUnarchived", "DocumentTrashed", "DocumentRestored",
                "DocumentTrashed", "DocumentPurged"), events);
    }
}
