package app.knowledgenetwork.knowledgeapi.search;

import static app.knowledgenetwork.testsupport.ManagementInterface.metric;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Gql.Session;
import app.knowledgenetwork.knowledgeapi.documents.DocumentTest;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With OpenSearch unreachable, search fails with its own code and a plain message, and everything else works. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(SearchUnavailableTest.UnreachableOpenSearch.class)
class SearchUnavailableTest {

    @Test
    void searchAnswersSearchUnavailableWithoutDetails() {
        Session owner = Gql.newUser("offline");
        String ws = DocumentTest.workspace(owner);
        DocumentTest.createId(owner, ws, "Still works", "Documents do not need OpenSearch.");
        double failed = metric("kn_search_queries_total", "result=\"failed\"");

        JsonPath r = SearchTest.search(owner, ws, "works");
        assertEquals("SEARCH_UNAVAILABLE", errorCode(r), r.prettify());
        String message = r.getString("errors[0].message");
        assertTrue(message.startsWith("Search is unavailable"), message);
        assertFalse(message.contains("Exception"), message);
        // (The only "Exception" in the body is the engine's classification, DataFetchingException.)
        for (String leak : List.of("java.", "org.", "127.0.0.1", "Connection refused", "ConnectException", "\tat ")) {
            assertFalse(r.prettify().contains(leak), "the response leaks '" + leak + "': " + r.prettify());
        }
        assertNull(r.get("data"));
        assertEquals(failed + 1, metric("kn_search_queries_total", "result=\"failed\""));
        assertNull(Gql.call(owner.accessToken(), "query($w: ID!) { documents(workspaceId: $w) { edges { node { id } } } }", "w", ws).get("errors"));
    }

    /** An OpenSearch URL where nothing listens: a port the system just handed out and that is closed again. */
    public static class UnreachableOpenSearch implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("kn.opensearch.url", "http://127.0.0.1:" + socket.getLocalPort(), "kn.opensearch.index-prefix", "unreachable-");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
        }
    }
}
