package app.knowledgenetwork.notionwriter.writes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.notionwriter.NotionEmulator;
import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmulatorsTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
class WritesResourceTest {

    /** The token of %test.kn.notion.token. */
    private static final String TOKEN = "test-notion-token";

    @Test
    void writesNotesAndReportsEachOutcome() {
        String database = NotionEmulator.database(TOKEN, Map.of("Name", "title"));
        String body = """
                {"databaseId": "%s",
                 "notes": [
                   {"id": "api-1", "source": "KEEP_API", "title": "Hello", "body": {"type": "text", "text": "Hi there"},
                    "labels": ["x"], "color": "BLUE", "pinned": false, "archived": false, "trashed": false,
                    "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-02T00:00:00Z", "links": [], "attachments": []},
                   {"id": "api-2", "source": "TAKEOUT", "title": "List", "body": {"type": "checklist", "items": [{"text": "a", "checked": true, "children": []}]},
                    "labels": [], "color": null, "pinned": true, "archived": false, "trashed": true,
                    "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-02T00:00:00Z", "links": [], "attachments": []}
                 ]}
                """.formatted(database);

        String pageId = given().contentType("application/json").body(body)
                .when().post("/api/v1/notion/writes")
                .then().statusCode(200)
                .body("results", hasSize(2))
                .body("results[0].noteId", equalTo("api-1"))
                .body("results[0].outcome", equalTo("CREATED"))
                .body("results[1].outcome", equalTo("UNCHANGED"))
                .extract().path("results[0].pageId");

        assertEquals("Hi there", NotionEmulator.page(pageId).path("children").get(0).path("paragraph").path("rich_text").get(0).path("plain_text").asText());
        assertEquals(1, NotionEmulator.pages(database).size());
    }

    @Test
    void anIncompatibleDatabaseIsRefusedAsAProblemNamingTheProperty() {
        String database = NotionEmulator.database(TOKEN, Map.of("Name", "title", "Pinned", "rich_text"));

        given().contentType("application/json").body("{\"databaseId\": \"" + database + "\", \"notes\": []}")
                .when().post("/api/v1/notion/writes")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("\"Pinned\" has type rich_text but Keep notes need checkbox"));
    }

    @Test
    void aRequestWithoutDatabaseIsRefused() {
        given().contentType("application/json").body("{\"notes\": []}")
                .when().post("/api/v1/notion/writes")
                .then().statusCode(400)
                .body("title", equalTo("databaseId is required"));
    }

    @Test
    void writesWithTheTokenTheRequestCarries() {
        String ownToken = NotionEmulator.newToken();
        String database = NotionEmulator.database(ownToken, Map.of("Name", "title"));
        String body = """
                {"databaseId": "%s", "token": "%s",
                 "notes": [
                   {"id": "own-1", "source": "KEEP_API", "title": "Mine", "body": {"type": "text", "text": "x"},
                    "labels": [], "color": null, "pinned": false, "archived": false, "trashed": false,
                    "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-02T00:00:00Z", "links": [], "attachments": []}
                 ]}
                """.formatted(database, ownToken);

        given().contentType("application/json").body(body)
                .when().post("/api/v1/notion/writes")
                .then().statusCode(200)
                .body("results[0].outcome", equalTo("CREATED"));

        assertEquals(1, NotionEmulator.pages(database).size());
        assertEquals(true, NotionEmulator.stats(ownToken).path("requests").asInt() > 0);
        assertEquals(true, app.knowledgenetwork.testsupport.ManagementInterface.metric("kn_notion_requests_total", "status=\"200\"") > 0,
                "Notion requests counted by status");
    }

    @Test
    void aDatabaseCheckNamesWhatIsWrong() {
        String ownToken = NotionEmulator.newToken();
        String good = NotionEmulator.database(ownToken, Map.of("Name", "title"));
        String conflicting = NotionEmulator.database(ownToken, Map.of("Name", "title", "Labels", "rich_text"));

        given().contentType("application/json").body(Map.of("databaseId", good, "token", ownToken))
                .when().post("/api/v1/notion/database-checks")
                .then().statusCode(200)
                .body("conflicts", hasSize(0))
                .body("missingProperties", org.hamcrest.Matchers.hasItem("Keep ID"));
        given().contentType("application/json").body(Map.of("databaseId", conflicting, "token", ownToken))
                .when().post("/api/v1/notion/database-checks")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("\"Labels\" has type rich_text but Keep notes need multi_select"));
        given().contentType("application/json").body(Map.of("databaseId", good, "token", "not-a-registered-token"))
                .when().post("/api/v1/notion/database-checks")
                .then().statusCode(422)
                .body("title", equalTo("Notion refused the integration token"));
        given().contentType("application/json").body(Map.of("databaseId", "00000000-0000-0000-0000-000000000000", "token", ownToken))
                .when().post("/api/v1/notion/database-checks")
                .then().statusCode(422)
                .body("title", equalTo("Notion database not found or not shared"));
        // Nothing was added by the checks.
        assertEquals(null, NotionEmulator.databaseState(good).path("properties").get("Keep ID"));
    }
}
