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
        redis.execute("CLIENT", "PAUSE", "5000", "WRITE");
        try {
            JsonPath written = call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", "after"));
            assertNull(written.get("errors"), written.prettify());
            assertTrue(redis.hash(String.class).hget(key, "v").contains("before"), "the stale entry is still in Redis");
            redis.execute("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        } finally {
            redis.execute("CLIENT", "UNPAUSE");
        }

        long deadline = System.currentTimeMillis() + 10_000;
        while (Objects.equals(generation, redis.hash(String.class).hget(key, "g")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100); // polled: the retry runs every second
        }
        assertNotEquals(generation, redis.hash(String.class).hget(key, "g"), "the invalidation went through once Redis took writes again");
        assertNull(redis.hash(String.class).hget(key, "v"), "the stale entry is gone");
        assertEquals("after", call(owner.accessToken(), GET, "id", id).getString("data.document.content"));
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
}
