package app.knowledgenetwork.knowledgeapi.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.GqlWs;
import app.knowledgenetwork.knowledgeapi.Sql;
import app.knowledgenetwork.knowledgeapi.documents.DocumentTest;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One request more than kn.graphql.max-in-flight is refused at once with 503 SERVER_BUSY and nothing of it runs; the
 * slot is free again once the request in hand is answered. The request in hand is held in PostgreSQL: a trigger on the
 * account it registers waits for an advisory lock the test holds.
 */
@QuarkusTest
@TestProfile(InFlightLimitTest.OneAtATime.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class InFlightLimitTest {
    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kn.graphql.max-in-flight", "1");
        }
    }

    private static final long LOCK = 4_242_001L;
    private static final String REGISTER = """
            mutation($e: String!) { register(email: $e, password: "correct horse battery", displayName: "Held") { accessToken } }""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    @Test
    void aRequestBeyondTheBoundIsRefusedAtOnceAndNothingOfItRuns() throws Exception {
        String refused = "busy-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        CompletableFuture<JsonPath> first = holding(() -> {
            CompletableFuture<JsonPath> held = CompletableFuture.supplyAsync(() -> Gql.call(null, REGISTER, "e", "held-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org"));
            awaitWaitingForTheLock();
            Response busy = given().contentType(ContentType.JSON).body(Map.of("query", REGISTER, "variables", Map.of("e", refused))).post("/graphql");
            assertEquals(503, busy.statusCode(), busy.asString());
            assertEquals("1", busy.header("Retry-After"));
            assertEquals("SERVER_BUSY", busy.jsonPath().getString("errors[0].extensions.code"), busy.asString());
            assertTrue(busy.jsonPath().getString("errors[0].message").contains("try again"), busy.asString());
            assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM app_user WHERE email = '" + refused + "'"), "nothing of the refused request ran");
            return held;
        });
        assertNotNull(first.get(30, TimeUnit.SECONDS).getString("data.register.accessToken"), "the request in hand is answered");
        assertEquals(1.0, meters.get("kn.graphql.refused.busy").counter().count());
        // Its slot is free again: the refused request, sent again, runs.
        assertNotNull(Gql.call(null, REGISTER, "e", refused).getString("data.register.accessToken"));
    }

    /** A client that hangs up while its request waits does not keep its slot for ever: it is free once the request ends. */
    @Test
    void aClientThatHangsUpGivesItsSlotBack() throws Exception {
        holding(() -> {
            String body = new JsonObject().put("query", REGISTER)
                    .put("variables", new JsonObject().put("e", "held-gone-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org")).encode();
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.getOutputStream().write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                awaitWaitingForTheLock();
            }
            return null;
        });
        await(() -> meters.get("kn.graphql.in.flight").gauge().value() == 0, "the request of a client that hung up still counted in flight");
        assertNotNull(Gql.call(null, REGISTER, "e", "busy-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org").getString("data.register.accessToken"));
    }

    /** Operations over a WebSocket are not counted: a live subscription, and a query sent over it, leave the one slot free. */
    @Test
    void operationsOverAWebSocketHoldNoSlot() {
        Gql.Session owner = Gql.newUser("live");
        String id = DocumentTest.createId(owner, DocumentTest.workspace(owner), "Live", "text");
        try (GqlWs socket = GqlWs.connect(owner.accessToken())) {
            socket.subscribe("live", "subscription($id: ID!) { documentChanged(id: $id) { id revision } }", Map.of("id", id));
            assertEquals(1, socket.nextPayload("live").path("data").path("documentChanged").path("revision").asInt());
            socket.subscribe("query", "{ me { id } }", Map.of());
            assertEquals(owner.userId(), socket.nextPayload("query").path("data").path("me").path("id").asText());
            // The subscription is still open: an HTTP request gets the slot.
            assertEquals(owner.userId(), Gql.call(owner.accessToken(), "{ me { id } }").getString("data.me.id"));
        }
    }

    private interface Held<T> {
        T run() throws Exception;
    }

    /** Runs {@code during} while an account's registration (email held-...) waits in PostgreSQL for a lock the test holds. */
    private <T> T holding(Held<T> during) throws Exception {
        Sql.execute(dataSource, "CREATE OR REPLACE FUNCTION kn_test_held() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_xact_lock(" + LOCK + "); RETURN NEW; END $$",
                "CREATE TRIGGER kn_test_held BEFORE INSERT ON app_user FOR EACH ROW WHEN (NEW.email LIKE 'held-%') EXECUTE FUNCTION kn_test_held()");
        try {
            try (Connection lock = dataSource.getConnection(); Statement s = lock.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
                try {
                    return during.run();
                } finally {
                    // A session lock outlives the pooled connection's close.
                    s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
                }
            }
        } finally {
            Sql.execute(dataSource, "DROP TRIGGER IF EXISTS kn_test_held ON app_user", "DROP FUNCTION IF EXISTS kn_test_held()");
        }
    }

    @Test
    void aBoundBelowOneIsRefusedAtStartNamingTheSetting() {
        QueryLimitsConfig zero = (QueryLimitsConfig) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {QueryLimitsConfig.class},
                (proxy, method, args) -> method.getName().equals("maxInFlight") ? 0 : null);
        var refusal = assertThrows(IllegalArgumentException.class, () -> new InFlightLimit(zero, new SimpleMeterRegistry()));
        assertTrue(refusal.getMessage().contains("KN_GRAPHQL_MAX_IN_FLIGHT"), refusal.getMessage());
    }

    private void awaitWaitingForTheLock() throws Exception {
        await(() -> Sql.count(dataSource, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = " + LOCK) > 0,
                "the first request never reached the held insert");
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String failure) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            Thread.sleep(10);
        }
    }
}
