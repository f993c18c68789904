package app.knowledgenetwork.syncservice.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.syncservice.support.AccessTokens;
import app.knowledgenetwork.syncservice.support.Connectors;
import app.knowledgenetwork.syncservice.support.KeepNotes;
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
import app.knowledgenetwork.syncservice.db.Sql;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceEndpoints;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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

    /**
     * One note, two ways in: synced through the Keep API (id "abc123"), then found in a Takeout of the same
     * account (id "Groceries", its file name), then edited and synced through the API again. Both ways carry
     * its creation time (createTime; createdTimestampUsec), so each updates the one page.
     */
    @Test
    void theSameNoteThroughTheKeepApiAndATakeoutKeepsOnePage() throws IOException {
        String keepUser = "u" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        String refreshToken = "1//rt-" + java.util.UUID.randomUUID();
        NotionEmulator.keepRefreshToken(refreshToken, keepUser);
        java.time.Instant created = java.time.Instant.parse("2025-03-04T10:11:12.345Z");
        java.time.Instant updated = created.plusSeconds(60);
        NotionEmulator.keepNotes(keepUser, List.of(KeepNotes.note("abc123", 0, "milk", created, updated)));
        String notionToken = NotionEmulator.token();
        String database = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String user = AccessTokens.user(AccessTokens.newUser());
        String connection = SyncApi.createConnection(user, SyncApi.refreshTokenConnection(refreshToken, database, notionToken));

        JsonPath viaApi = SyncApi.awaitFinished(user, SyncApi.trigger(user, connection, "INCREMENTAL"));
        assertEquals(1, viaApi.getInt("created"), viaApi.prettify());
        String page = NotionEmulator.pages(database).getFirst().path("id").asText();

        // The Takeout of the same account: the note under its file name, its text edited since.
        long createdUsec = created.getEpochSecond() * 1_000_000L + created.getNano() / 1_000;
        JsonPath viaTakeout = SyncApi.awaitFinished(user, upload(user, connection, archive(Map.of(
                "Takeout/Keep/Groceries.json", note("Groceries", "milk and eggs", createdUsec, null)))));
        assertEquals("SUCCEEDED", viaTakeout.getString("state"), viaTakeout.prettify());
        assertEquals(0, viaTakeout.getInt("created"), viaTakeout.prettify());
        assertEquals(1, viaTakeout.getInt("updated"), viaTakeout.prettify());
        List<JsonNode> pages = NotionEmulator.pages(database);
        assertEquals(1, pages.size());
        assertEquals(page, pages.getFirst().path("id").asText());

        // And back: edited in Keep, read through the API again.
        NotionEmulator.keepNotes(keepUser, List.of(KeepNotes.note("abc123", 0, "milk, eggs and bread", created, updated.plusSeconds(60))));
        JsonPath backViaApi = SyncApi.awaitFinished(user, SyncApi.trigger(user, connection, "INCREMENTAL"));
        assertEquals(0, backViaApi.getInt("created"), backViaApi.prettify());
        assertEquals(1, backViaApi.getInt("updated"), backViaApi.prettify());
        pages = NotionEmulator.pages(database);
        assertEquals(1, pages.size(), pages.toString());
        assertEquals(page, pages.getFirst().path("id").asText());
    }

    @Inject
    JobStore jobStore;

    @Inject
    Sql sql;

    /** The connectors' bucket (read when used: tests without the Connectors resource have no such setting). */
    private static String connectorsBucket() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kn.test.connectors-bucket", String.class);
    }

    @Test
    void theUploadIsStoredInS3FirstAndANoteWhoseAttachmentIsMissingIsWrittenWithAWarning() throws IOException {
        String notionToken = NotionEmulator.token();
        String database = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String user = AccessTokens.user(AccessTokens.newUser());
        String connection = SyncApi.createConnection(user, takeoutConnection(database, notionToken));
        byte[] zip = archive(Map.of(
                "Takeout/Keep/Lost.json", note("Lost", "the text survives", 1_700_000_200_000_000L, "gone.png"),
                "Takeout/Keep/Holiday.json", note("Holiday", "beach", 1_700_000_100_000_000L, "photo.png"),
                "Takeout/Keep/photo.png", Base64.getDecoder().decode(PNG)));
        String jobId = upload(user, connection, zip);
        JsonPath job = SyncApi.awaitFinished(user, jobId);
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(2, job.getInt("created"));
        assertEquals(1, job.getInt("warnings"));
        JsonPath lost = given().auth().oauth2(user).get("/api/v1/sync/jobs/" + jobId + "/notes").then().statusCode(200).extract().jsonPath();
        assertEquals("CREATED", lost.getString("find { it.noteId == 'Lost' }.outcome"), lost.prettify());
        assertTrue(lost.getString("find { it.noteId == 'Lost' }.warnings[0]").contains("'gone.png' is not in the archive"), lost.prettify());
        assertTrue(NotionEmulator.pages(database).toString().contains("the text survives"));
        // The upload itself is in S3 (the bucket's lifecycle rule removes it after 7 days), whole; the photo,
        // written to Notion, is gone from S3.
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            List<String> left = s3.listObjectsV2Paginator(b -> b.bucket(connectorsBucket()).prefix("jobs/" + jobId + "/")).contents().stream()
                    .map(software.amazon.awssdk.services.s3.model.S3Object::key).filter(k -> !k.endsWith("/")).toList();
            assertEquals(List.of(), left, "attachments of written notes");
            assertArrayEquals(zip, s3.getObjectAsBytes(b -> b.bucket(connectorsBucket()).key("takeouts/" + jobId + "/archive.zip")).asByteArray());
        }
    }

    /**
     * A replica stored an upload and died while extracting it: its EXTRACT task's lease ran out. Another
     * worker takes the task over and reads the archive from S3 again; the notes reach Notion once.
     */
    @Test
    void aJobWhoseWorkerDiedMidExtractionReadsTheStoredArchiveAgain() throws IOException {
        String notionToken = NotionEmulator.token();
        String database = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String user = AccessTokens.user(AccessTokens.newUser());
        String connection = SyncApi.createConnection(user, takeoutConnection(database, notionToken));
        UUID jobId = UUID.randomUUID();
        byte[] zip = archive(Map.of(
                "Takeout/Keep/One.json", note("One", "first", 1_700_000_300_000_000L, null),
                "Takeout/Keep/Two.json", note("Two", "second", 1_700_000_400_000_000L, "photo.png"),
                "Takeout/Keep/photo.png", Base64.getDecoder().decode(PNG)));
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            s3.putObject(b -> b.bucket(connectorsBucket()).key("takeouts/" + jobId + "/archive.zip"), RequestBody.fromBytes(zip));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            jobStore.insert(jobId, UUID.fromString(connection), JobMode.INCREMENTAL, JobTrigger.TAKEOUT, null, "someone");
            jobStore.start(jobId, JobState.EXTRACTING);
            sql.update("INSERT INTO tasks (job_id, kind, lease_owner, lease_until, attempts) VALUES (?, 'EXTRACT', 'a-replica-that-died', now() - interval '1 second', 1)",
                    jobId);
        });
        JsonPath job = SyncApi.awaitFinished(user, jobId.toString());
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(2, job.getInt("created"));
        assertEquals(2, NotionEmulator.pages(database).size());
    }

    private static Map<String, Object> takeoutConnection(String database, String notionToken) {
        Map<String, Object> body = new HashMap<>();
        body.put("sourceType", "TAKEOUT");
        body.put("notionDatabaseId", database);
        body.put("notionToken", notionToken);
        return body;
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
