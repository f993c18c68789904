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
}
