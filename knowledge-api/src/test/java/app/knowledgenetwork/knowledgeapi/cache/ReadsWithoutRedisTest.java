package app.knowledgenetwork.knowledgeapi.cache;

import static app.knowledgenetwork.knowledgeapi.DocumentOps.GET;
import static app.knowledgenetwork.knowledgeapi.DocumentOps.UPDATE;
import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.createId;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Gql.Session;
import app.knowledgenetwork.knowledgeapi.GqlWs;
import app.knowledgenetwork.testsupport.DisposableRedisTestResource;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis is an optimisation and a messenger, not a dependency of correctness: with Redis gone, reads and writes are
 * served from PostgreSQL, and live subscriptions catch up once it is back.
 */
@QuarkusTest
@WithTestResource(DisposableRedisTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class ReadsWithoutRedisTest {
    static final String SUBSCRIBE = "subscription($id: ID!) { documentChanged(id: $id) { revision content } }";

    @Test
    void readsAndWritesGoOnWhileRedisIsDown() {
        Session owner = Gql.newUser("owner");
        String id = createId(owner, workspace(owner), "Resilient", "cached");
        assertEquals("cached", call(owner.accessToken(), GET, "id", id).getString("data.document.content"));

        DisposableRedisTestResource.redis().stop();
        try {
            JsonPath read = call(owner.accessToken(), GET, "id", id);
            assertNull(read.get("errors"), read.prettify());
            assertEquals("cached", read.getString("data.document.content"));
            JsonPath written = call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", "written without Redis"));
            assertNull(written.get("errors"), written.prettify());
            assertEquals("written without Redis", call(owner.accessToken(), GET, "id", id).getString("data.document.content"));
        } finally {
            DisposableRedisTestResource.redis().start();
        }
    }

    @Test
    void aSubscriptionCatchesUpWithAChangeMadeWhileRedisWasDown() {
        Session owner = Gql.newUser("owner");
        String id = createId(owner, workspace(owner), "Through the outage", "before");
        try (GqlWs socket = GqlWs.connect(owner.accessToken())) {
            socket.subscribe("1", SUBSCRIBE, Map.of("id", id));
            assertEquals("before", socket.nextPayload("1").path("data").path("documentChanged").path("content").asText());

            DisposableRedisTestResource.redis().stop();
            try {
                // Committed, but its announcement cannot reach Redis.
                assertNull(call(owner.accessToken(), UPDATE, "id", id, "rev", 1, "ch", Map.of("content", "during")).get("errors"));
            } finally {
                DisposableRedisTestResource.redis().start();
            }
            // The replica subscribes again and has its subscribers re-read.
            assertEquals("during", socket.nextPayload("1").path("data").path("documentChanged").path("content").asText());
        }
    }
}
