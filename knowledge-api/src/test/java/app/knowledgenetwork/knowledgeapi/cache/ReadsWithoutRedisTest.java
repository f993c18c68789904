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
import app.knowledgenetwork.testsupport.DisposableRedisTestResource;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache is an optimisation: with Redis gone, reads and writes are served from PostgreSQL. */
@QuarkusTest
@WithTestResource(DisposableRedisTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class ReadsWithoutRedisTest {
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
}
