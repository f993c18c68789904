package app.knowledgenetwork.syncservice.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.syncservice.support.AccessTokens;
import app.knowledgenetwork.syncservice.support.Connectors;
import app.knowledgenetwork.syncservice.support.NotionEmulator;
import app.knowledgenetwork.syncservice.support.SyncApi;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A Takeout archive uploaded to sync-service goes through keep-extractor into Notion; a re-export in
 * which a note's title (and so its file name) changed updates that note's page instead of adding one.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(Connectors.class)
@WithTestResource(AccessTokens.class)
class TakeoutUploadTest {

    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    @Test
    void anUploadedArchiveBecomesPagesAndARenamedNoteKeepsItsPage() throws IOException {
        String notionToken = NotionEmulator.token();
        String database = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String user = AccessTokens.user(AccessTokens.newUser());
        Map<String, Object> body = new HashMap<>();
        body.put("sourceType", "TAKEOUT");
        body.put("notionDatabaseId", database);
        body.put("notionToken", notionToken);
        String connection = SyncApi.createConnection(user, body);

        byte[] first = archive(Map.of(
                "Takeout/Keep/Groceries.json", note("Groceries", "milk", 1_700_000_000_000_000L, null),
                "Takeout/Keep/Holiday.json", note("Holiday", "beach", 1_700_000_100_000_000L, "photo.png"),
                "Takeout/Keep/photo.png", Base64.getDecoder().decode(PNG),
                "Takeout/Keep/Broken.json", "{not json".getBytes(StandardCharsets.UTF_8)));
        JsonPath job = SyncApi.awaitFinished(user, upload(user, connection, first));
        assertEquals("PARTIALLY_FAILED", job.getString("state"), job.prettify());
        assertEquals(2, job.getInt("created"));
        assertEquals(1, job.getInt("failed"));
        List<JsonNode> pages = NotionEmulator.pages(database);
        assertEquals(2, pages.size());
        String groceriesPage = pages.stream().filter(p -> p.toString().contains("Groceries")).findFirst().orElseThrow().path("id").asText();

        // The next export: "Groceries" was renamed, so its file is now "Shopping.json"; same creation time.
        byte[] second = archive(Map.of(
                "Takeout/Keep/Shopping.json", note("Shopping", "milk", 1_700_000_000_000_000L, null),
                "Takeout/Keep/Holiday.json", note("Holiday", "beach", 1_700_000_100_000_000L, "photo.png"),
                "Takeout/Keep/photo.png", Base64.getDecoder().decode(PNG)));
        JsonPath again = SyncApi.awaitFinished(user, upload(user, connection, second));
        assertEquals("SUCCEEDED", again.getString("state"), again.prettify());
        assertEquals(0, again.getInt("created"));
        assertEquals(1, again.getInt("updated"));
        assertEquals(1, again.getInt("unchanged"));
        List<JsonNode> after = NotionEmulator.pages(database);
        assertEquals(2, after.size());
        JsonNode renamed = after.stream().filter(p -> p.path("id").asText().equals(groceriesPage)).findFirst().orElseThrow();
        assertTrue(renamed.toString().contains("Shopping"), renamed.toString());
    }

    private static String upload(String user, String connection, byte[] zip) {
        return given().auth().oauth2(user).contentType("application/zip").body(zip)
                .post("/api/v1/sync/connections/" + connection + "/takeout").then().statusCode(202).extract().path("id");
    }

    private static byte[] note(String title, String text, long createdUsec, String attachment) {
        String attachments = attachment == null ? "[]" : "[{\"filePath\":\"" + attachment + "\",\"mimetype\":\"image/png\"}]";
        return ("{\"title\":\"" + title + "\",\"textContent\":\"" + text + "\",\"color\":\"DEFAULT\",\"isPinned\":false,"
                + "\"isArchived\":false,\"isTrashed\":false,\"labels\":[{\"name\":\"home\"}],\"attachments\":" + attachments + ","
                + "\"createdTimestampUsec\":" + createdUsec + ",\"userEditedTimestampUsec\":" + (createdUsec + 1_000_000) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] archive(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
