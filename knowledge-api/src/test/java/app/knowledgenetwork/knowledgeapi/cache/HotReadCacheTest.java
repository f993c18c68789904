package app.knowledgenetwork.knowledgeapi.cache;

import static app.knowledgenetwork.testsupport.ManagementInterface.metric;
import static app.knowledgenetwork.knowledgeapi.DocumentOps.GET;
import static app.knowledgenetwork.knowledgeapi.DocumentOps.UPDATE;
import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.addMember;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.createId;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Gql.Session;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class HotReadCacheTest {
    static final String MEMBERS_ROLE = "mutation($w: ID!, $u: ID!, $r: WorkspaceRole!) { changeMemberRole(workspaceId: $w, userId: $u, role: $r) { role } }";
    static final String REMOVE = "mutation($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }";

    @Inject
    EntityManagerFactory emf;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "kn.redis.key-prefix")
    String keyPrefix;
    @ConfigProperty(name = "kn.cache.ttl")
    Duration cacheTtl;
    @ConfigProperty(name = "kn.cache.max-listing-chars")
    int maxListingChars;

    @Test
    void aRepeatedReadOfADocumentCostsNoSqlStatementAndLivesUnderTheKeyPrefix() {
        Session owner = Gql.newUser("owner");
        String ws = workspace(owner);
        String id = createId(owner, ws, "Hot", "read me often");
        assertEquals("read me often", call(owner.accessToken(), GET, "id", id).getString("data.document.content"));

        Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
        stats.clear();
        double hits = metric("kn_cache_lookups_total", "cache=\"document\"", "result=\"hit\"");
        JsonPath again = call(owner.accessToken(), GET, "id", id);
        assertEquals("read me often", again.getString("data.document.content"));
        assertEquals(owner.userId(), again.getString("data.document.author.id"));
        assertEquals(0, stats.getPrepareStatementCount(), "the document and the caller's role come from Redis");
        assertEquals(hits + 1, metric("kn_cache_lookups_total", "cache=\"document\"", "result=\"hit\""));

        assertTrue(redis.key().exists(keyPrefix + "cache:document:" + id));
        assertTrue(redis.key().exists(keyPrefix + "cache:members:" + ws));
        long ttl = redis.key().pttl(keyPrefix + "cache:document:" + id);
        assertTrue(ttl > 0 && ttl <= 2 * cacheTtl.toMillis(), "bounded by the TTL: " + ttl);
    }

    static final String LISTING = """
            query($w: ID!, $s: DocumentStatus, $p: ID) {
              documents(workspaceId: $w, status: $s, parentId: $p) { edges { node { id title author { displayName } } } pageInfo { hasNextPage } }
            }""";

    private static List<String> titles(Session reader, String ws, String status, String parent) {
        JsonPath listed = call(reader.accessToken(), LISTING, "w", ws, "s", status, "p", parent);
        assertNull(listed.get("errors"), listed.prettify());
        return listed.getList("data.documents.edges.node.title");
    }

    @Test
    void aRepeatedListingCostsNoSqlStatementAndEveryChangeInTheWorkspaceShowsInItAtOnce() {
        Session owner = Gql.newUser("owner");
        Session viewer = Gql.newUser("viewer");
        String ws = workspace(owner);
        addMember(owner, ws, viewer, "VIEWER");
        String a = createId(owner, ws, "A", "");
        String b = createId(owner, ws, "B", "");
        assertEquals(List.of("A", "B"), titles(viewer, ws, null, null));

        Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
        stats.clear();
        double hits = metric("kn_cache_lookups_total", "cache=\"listing\"", "result=\"hit\"");
        assertEquals(List.of("A", "B"), titles(viewer, ws, null, null));
        assertEquals(0, stats.getPrepareStatementCount(), "the page and the caller's role come from Redis");
        assertEquals(hits + 1, metric("kn_cache_lookups_total", "cache=\"listing\"", "result=\"hit\""));
        assertTrue(redis.key().exists(keyPrefix + "cache:listing:" + ws));

        // Each listing is read (and so cached) before each change, and must show the change straight after it.
        String c = createId(owner, ws, "C", "");
        assertEquals(List.of("A", "B", "C"), titles(viewer, ws, null, null));
        assertNull(call(owner.accessToken(), UPDATE, "id", b, "rev", 1, "ch", Map.of("title", "B2")).get("errors"));
        assertEquals(List.of("A", "B2", "C"), titles(viewer, ws, null, null));
        assertEquals(List.of(), titles(viewer, ws, null, a));
        assertNull(call(owner.accessToken(), "mutation($id: ID!, $p: ID) { moveDocument(id: $id, expectedRevision: 1, parentId: $p) { id } }",
                "id", c, "p", a).get("errors"));
        assertEquals(List.of("C"), titles(viewer, ws, null, a));
        assertEquals(List.of(), titles(viewer, ws, "ARCHIVED", null));
        call(owner.accessToken(), "mutation($id: ID!) { archiveDocument(id: $id) { status } }", "id", b);
        assertEquals(List.of("A", "C"), titles(viewer, ws, null, null));
        assertEquals(List.of("B2"), titles(viewer, ws, "ARCHIVED", null));
        assertEquals(List.of(), titles(viewer, ws, "TRASHED", null));
        call(owner.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", a);
        assertEquals(List.of("C"), titles(viewer, ws, null, null));
        assertEquals(List.of("A"), titles(viewer, ws, "TRASHED", null));
        // Purging the parent makes its child a root document without a new revision of the child.
        call(owner.accessToken(), "mutation($id: ID!) { purgeDocument(id: $id) }", "id", a);
        assertEquals(List.of(), titles(viewer, ws, "TRASHED", null));
        assertEquals(List.of(), titles(viewer, ws, null, a));
    }

    @Test
    void aCachedListingIsServedOnlyToMembers() {
        Session owner = Gql.newUser("owner");
        Session member = Gql.newUser("member");
        Session stranger = Gql.newUser("stranger");
        String ws = workspace(owner);
        addMember(owner, ws, member, "VIEWER");
        createId(owner, ws, "Secret plan", "");
        assertEquals(List.of("Secret plan"), titles(member, ws, null, null));
        assertEquals(List.of("Secret plan"), titles(member, ws, null, null));

        assertEquals("NOT_FOUND", errorCode(call(stranger.accessToken(), LISTING, "w", ws)));
        assertEquals(Boolean.TRUE, call(owner.accessToken(), REMOVE, "w", ws, "u", member.userId()).get("data.removeMember"));
        assertEquals("NOT_FOUND", errorCode(call(member.accessToken(), LISTING, "w", ws)));
        assertEquals(List.of("Secret plan"), titles(owner, ws, null, null));
    }

    @Test
    void aListingPageTooLargeForTheCacheIsReadFromPostgresqlEveryTime() {
        Session owner = Gql.newUser("owner");
        String ws = workspace(owner);
        createId(owner, ws, "Small", "");
        titles(owner, ws, null, null);
        assertTrue(redis.hash(String.class).hget(keyPrefix + "cache:listing:" + ws, "ACTIVE||") != null, "a small page is cached");

        createId(owner, ws, "Long", "x".repeat(maxListingChars));
        String query = "query($w: ID!) { documents(workspaceId: $w) { edges { node { title content } } } }";
        assertEquals(maxListingChars, call(owner.accessToken(), query, "w", ws).getString("data.documents.edges[1].node.content").length());
        assertNull(redis.hash(String.class).hget(keyPrefix + "cache:listing:" + ws, "ACTIVE||"), "the page over the limit is not");
        Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
        stats.clear();
        assertEquals(List.of("Small", "Long"), titles(owner, ws, null, null));
        assertTrue(stats.getPrepareStatementCount() > 0, "read from PostgreSQL");
    }

    @ConfigProperty(name = "kn.cache.max-fields-per-key")
    int maxFieldsPerKey;

    /** Finding 12: listings under made-up parent ids must not grow the workspace's cache entry without end. */
    @Test
    void listingsUnderAnyNumberOfParentIdsKeepTheWorkspacesCacheEntryBounded() {
        Session owner = Gql.newUser("owner");
        String ws = workspace(owner);
        createId(owner, ws, "Known", "");
        String key = keyPrefix + "cache:listing:" + ws;
        for (int i = 0; i < maxFieldsPerKey + 40; i++) {
            assertEquals(List.of(), titles(owner, ws, null, java.util.UUID.randomUUID().toString()));
        }
        long fields = redis.hash(String.class).hlen(key);
        assertTrue(fields > 1 && fields <= maxFieldsPerKey + 1, "listing entries (plus the generation): " + fields);

        // Listings past the bound are still right, read from PostgreSQL; a change empties the entry and caching resumes.
        assertEquals(List.of("Known"), titles(owner, ws, null, null));
        createId(owner, ws, "Later", "");
        assertEquals(List.of("Known", "Later"), titles(owner, ws, null, null));
        assertTrue(redis.hash(String.class).hget(key, "ACTIVE||") != null, "cached again after the change emptied the entry");
    }

    @Test
    void anInvalidationRedisDidNotTakeIsRetriedUntilItDoes() throws InterruptedException {
        Session owner = Gql.newUser("owner");
        String ws = workspace(owner);
        String id = createId(owner, ws, "Flaky", "before");
        assertEquals("before", call(owner.accessToken(), GET, "id", id).getString("data.document.content"));
        String key = keyPrefix + "cache:document:" + id;
        String generation = redis.hash(String.class).hget(key, "g");
        assertTrue(redis.hash(String.class).hget(key, "v").contains("before"), "cached");

        // Redis holds back every script (the invalidation is one) while reads go on; the held-back commands are
        // then dropped with their connections, so the write commits while its invalidation is lost.
        // All on one connection, the one KILL skips: UNPAUSE sent on another pooled connection (killed a moment ago) failed
        // with "Connection is closed" and left Redis paused for the next test.
        redis.withConnection(connection -> {
            connection.execute("CLIENT", "PAUSE", "5000", "WRITE");
            try {
                JsonPath written = call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", "after"));
                assertNull(written.get("errors"), written.prettify());
                assertTrue(connection.hash(String.class).hget(key, "v").contains("before"), "the stale entry is still in Redis");
                connection.execute("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            } finally {
                connection.execute("CLIENT", "UNPAUSE");
            }
        });

        long deadline = System.currentTimeMillis() + 10_000;
        while (Objects.equals(generation, generationOf(key)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100); // polled: the retry runs every second
        }
        assertNotEquals(generation, generationOf(key), "the invalidation went through once Redis took writes again");
        assertNull(redis.hash(String.class).hget(key, "v"), "the stale entry is gone");
        assertEquals("after", call(owner.accessToken(), GET, "id", id).getString("data.document.content"));

        // The killed connections paused the cache (reads went to PostgreSQL meanwhile); it serves again on its own.
        deadline = System.currentTimeMillis() + 10_000;
        double hits = metric("kn_cache_lookups_total", "cache=\"document\"", "result=\"hit\"");
        while (hits == metric("kn_cache_lookups_total", "cache=\"document\"", "result=\"hit\"") && System.currentTimeMillis() < deadline) {
            assertEquals("after", call(owner.accessToken(), GET, "id", id).getString("data.document.content"));
            Thread.sleep(100); // polled: the pause after a failure ends on its own
        }
        assertTrue(metric("kn_cache_lookups_total", "cache=\"document\"", "result=\"hit\"") > hits, "served from the cache again");
    }

    @Test
    void writersAndReadersSeeEveryWriteAtOnce() {
        Session owner = Gql.newUser("owner");
        Session viewer = Gql.newUser("viewer");
        String ws = workspace(owner);
        addMember(owner, ws, viewer, "VIEWER");
        String id = createId(owner, ws, "Draft", "v1");
        for (int revision = 1; revision <= 15; revision++) {
            // Read (and so cache) the current state, write, then read again straight away.
            assertEquals(revision, call(viewer.accessToken(), GET, "id", id).getInt("data.document.revision"));
            JsonPath written = call(owner.accessToken(), UPDATE, "id", id, "rev", revision, "ch", Map.of("content", "v" + (revision + 1)));
            assertNull(written.get("errors"), written.prettify());
            assertEquals("v" + (revision + 1), call(owner.accessToken(), GET, "id", id).getString("data.document.content"));
            assertEquals("v" + (revision + 1), call(viewer.accessToken(), GET, "id", id).getString("data.document.content"));
        }
        call(owner.accessToken(), "mutation($id: ID!) { archiveDocument(id: $id) { status } }", "id", id);
        assertEquals("ARCHIVED", call(viewer.accessToken(), GET, "id", id).getString("data.document.status"));
        call(owner.accessToken(), "mutation($id: ID!) { unarchiveDocument(id: $id) { status } }", "id", id);
        call(owner.accessToken(), "mutation($id: ID!) { trashDocument(id: $id) { status } }", "id", id);
        call(owner.accessToken(), "mutation($id: ID!) { purgeDocument(id: $id) }", "id", id);
        assertEquals("NOT_FOUND", errorCode(call(viewer.accessToken(), GET, "id", id)));
    }

    @Test
    void membershipChangesTakeEffectOnTheNextRequest() {
        Session owner = Gql.newUser("owner");
        Session member = Gql.newUser("member");
        String ws = workspace(owner);
        String id = createId(owner, ws, "Roadmap", "");

        // A refusal is cached too, and must not outlive the membership that ends it.
        assertEquals("NOT_FOUND", errorCode(call(member.accessToken(), GET, "id", id)));
        addMember(owner, ws, member, "EDITOR");
        assertEquals("Roadmap", call(member.accessToken(), GET, "id", id).getString("data.document.title"));
        assertNull(call(member.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("title", "Roadmap 2")).get("errors"));

        assertEquals("VIEWER", call(owner.accessToken(), MEMBERS_ROLE, "w", ws, "u", member.userId(), "r", "VIEWER").getString("data.changeMemberRole.role"));
        assertEquals("FORBIDDEN", errorCode(call(member.accessToken(), UPDATE, "id", id, "rev", 2, "ch", Map.of("title", "Mine"))));

        assertEquals(Boolean.TRUE, call(owner.accessToken(), REMOVE, "w", ws, "u", member.userId()).get("data.removeMember"));
        assertEquals("NOT_FOUND", errorCode(call(member.accessToken(), GET, "id", id)));

        // Deleting the workspace ends everyone's access, the owner's cached role included.
        assertEquals("Roadmap 2", call(owner.accessToken(), GET, "id", id).getString("data.document.title"));
        assertEquals(Boolean.TRUE, call(owner.accessToken(), "mutation($w: ID!) { deleteWorkspace(id: $w) }", "w", ws).get("data.deleteWorkspace"));
        assertEquals("NOT_FOUND", errorCode(call(owner.accessToken(), GET, "id", id)));
    }

    /** The entry's generation; the test's own pooled connections were killed too, and one may fail once before it is dropped. */
    private String generationOf(String key) {
        try {
            return redis.hash(String.class).hget(key, "g");
        } catch (RuntimeException killedConnection) {
            return redis.hash(String.class).hget(key, "g");
        }
    }
}
