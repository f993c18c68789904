package app.knowledgenetwork.knowledgeapi.admin;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * startSearchReindex and searchReindex against real PostgreSQL. The test plays search-indexer's side of the request row
 * (its ReindexRequests, tested against the same migration in search-indexer's ReindexRequestsTest): it picks the row up
 * and writes what the indexer writes.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class SearchReindexTest {
    static final String START = "mutation { startSearchReindex { id state index requestedBy error } }";
    static final String FOLLOW = "query($id: ID) { searchReindex(id: $id) { id state index documents error startedAt finishedAt } }";

    @Inject
    EntityManager em;

    @Test
    void onlyAnAdminWithAnMfaSignInMayStartOrFollowAReindex() {
        Gql.Session user = Gql.newUser("plain");
        assertEquals("FORBIDDEN", errorCode(call(user.accessToken(), START)));
        assertEquals("FORBIDDEN", errorCode(call(user.accessToken(), FOLLOW, "id", null)));
        Gql.Session adminWithoutMfa = Gql.newUser("nomfa");
        Admins.setRole(em, adminWithoutMfa.userId(), "ADMIN");
        JsonPath refused = call(adminWithoutMfa.accessToken(), START);
        assertEquals("FORBIDDEN", errorCode(refused), refused.prettify());
        assertEquals("UNAUTHENTICATED", errorCode(call(null, START)));
        assertEquals(0L, open(), "nothing was requested");
    }

    @Test
    void anAdminsRequestIsPickedUpAndFollowedToItsEndAndASecondOneMeanwhileIsAConflict() {
        closeOpen();
        Gql.Session admin = Admins.newAdmin(em, "reindexer");
        // search-indexer, picking the request up within the mutation's wait.
        CompletableFuture<String> indexer = CompletableFuture.supplyAsync(() -> {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (Instant.now().isBefore(deadline)) {
                List<?> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "UPDATE search_reindex_request SET state = 'BUILDING', index_name = 'kn-documents-v2-20261202080000000', started_at = now() "
                                + "WHERE state = 'REQUESTED' RETURNING CAST(id AS text)").getResultList());
                if (!ids.isEmpty()) {
                    return (String) ids.getFirst();
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            return null;
        });
        JsonPath started = call(admin.accessToken(), START);
        assertNull(started.get("errors"), started.prettify());
        String id = started.getString("data.startSearchReindex.id");
        assertEquals(id, indexer.join());
        assertEquals("BUILDING", started.getString("data.startSearchReindex.state"), "answered once the indexer picked it up: " + started.prettify());
        assertEquals("kn-documents-v2-20261202080000000", started.getString("data.startSearchReindex.index"));
        assertEquals(admin.userId(), started.getString("data.startSearchReindex.requestedBy"));

        JsonPath second = call(admin.accessToken(), START);
        assertEquals("CONFLICT", errorCode(second), second.prettify());
        assertTrue(second.getString("errors[0].message").contains("request " + id), second.prettify());

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE search_reindex_request SET state = 'SWITCHED', documents = 42, finished_at = now() WHERE id = ?1")
                .setParameter(1, Long.parseLong(id)).executeUpdate());
        JsonPath latest = call(admin.accessToken(), FOLLOW, "id", null);
        assertEquals(id, latest.getString("data.searchReindex.id"), latest.prettify());
        assertEquals("SWITCHED", latest.getString("data.searchReindex.state"));
        assertEquals(42, latest.getInt("data.searchReindex.documents"));
        assertEquals(latest.getMap("data.searchReindex"), call(admin.accessToken(), FOLLOW, "id", id).getMap("data.searchReindex"));
        assertEquals("NOT_FOUND", errorCode(call(admin.accessToken(), FOLLOW, "id", "999999999")));
        assertEquals("BAD_USER_INPUT", errorCode(call(admin.accessToken(), FOLLOW, "id", "x")));
    }

    @Test
    void withoutAnIndexerTheRequestIsAnsweredAsRequestedAfterTheWait() {
        closeOpen();
        Gql.Session admin = Admins.newAdmin(em, "patient");
        long before = System.nanoTime();
        JsonPath started = call(admin.accessToken(), START);
        assertNull(started.get("errors"), started.prettify());
        assertEquals("REQUESTED", started.getString("data.startSearchReindex.state"));
        assertNull(started.get("data.startSearchReindex.index"));
        assertTrue(System.nanoTime() - before >= Duration.ofSeconds(1).toNanos(), "it waited for a replica to pick the request up");
        assertEquals(1L, open());
        closeOpen();
    }

    private long open() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM search_reindex_request WHERE state IN ('REQUESTED', 'BUILDING')").getSingleResult()).longValue());
    }

    private void closeOpen() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE search_reindex_request SET state = 'FAILED', error = 'closed by the test' WHERE state IN ('REQUESTED', 'BUILDING')").executeUpdate());
    }
}
