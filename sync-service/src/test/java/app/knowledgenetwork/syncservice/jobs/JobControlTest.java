package app.knowledgenetwork.syncservice.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.syncservice.schedule.ScheduledRuns;
import app.knowledgenetwork.syncservice.support.AccessTokens;
import app.knowledgenetwork.syncservice.support.Connectors;
import app.knowledgenetwork.syncservice.support.KeepNotes;
import app.knowledgenetwork.syncservice.support.NotionEmulator;
import app.knowledgenetwork.syncservice.support.SyncApi;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.agroal.api.AgroalDataSource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(Connectors.class)
@WithTestResource(AccessTokens.class)
class JobControlTest {

    @Inject
    ScheduledRuns schedule;

    @Inject
    AgroalDataSource database;

    record Setup(String user, String connection, String notionDatabase, String notionToken, String keepUser) {
    }

    private Setup connectionWithNotes(int count) {
        String keepUser = "u" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        String refreshToken = "1//rt-" + UUID.randomUUID();
        NotionEmulator.keepRefreshToken(refreshToken, keepUser);
        Instant created = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> notes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            notes.add(KeepNotes.note("c" + i, i * 3, "Note body " + i, created.plusSeconds(i), created.plusSeconds(i)));
        }
        NotionEmulator.keepNotes(keepUser, notes);
        String notionToken = NotionEmulator.token();
        String databaseId = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String user = AccessTokens.user(AccessTokens.newUser());
        return new Setup(user, SyncApi.createConnection(user, SyncApi.refreshTokenConnection(refreshToken, databaseId, notionToken)),
                databaseId, notionToken, keepUser);
    }

    @Test
    void aSecondJobWaitsForTheFirstAndACancelledJobNeverRacesTheNext() {
        Setup setup = connectionWithNotes(3);
        // Notion answers page creations slowly, so the job is surely still writing while we look.
        NotionEmulator.post("/_emulator/notion/faults", Map.of("status", 0, "times", 3, "delayMillis", 1500, "request", "POST /pages"));
        String job = SyncApi.trigger(setup.user(), setup.connection(), "INCREMENTAL");

        given().auth().oauth2(setup.user()).contentType(ContentType.JSON).body(Map.of("mode", "FULL"))
                .post("/api/v1/sync/connections/" + setup.connection() + "/jobs").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(job));
        given().auth().oauth2(setup.user()).post("/api/v1/sync/jobs/" + job + "/cancel").then().statusCode(200)
                .body("cancelRequested", equalTo(true));
        // the write under way finishes first; only then is the connection free for the next job
        assertEquals("CANCELLED", SyncApi.awaitFinished(setup.user(), job).getString("state"));
        String next = SyncApi.trigger(setup.user(), setup.connection(), "INCREMENTAL");
        JsonPath done = SyncApi.awaitFinished(setup.user(), next);
        assertEquals("SUCCEEDED", done.getString("state"), done.prettify());
        // whatever the cancelled job had written is known: still exactly one page per note
        assertEquals(3, NotionEmulator.pages(setup.notionDatabase()).size());
    }

    @Test
    void failedNotesAreRetriedAlone() {
        Setup setup = connectionWithNotes(4);
        // Notion keeps refusing the first page creation (503 beyond notion-writer's retries).
        NotionEmulator.post("/_emulator/notion/faults", Map.of("status", 503, "times", 6, "retryAfterSeconds", 0, "request", "POST /pages"));
        JsonPath first = SyncApi.awaitFinished(setup.user(), SyncApi.trigger(setup.user(), setup.connection(), "INCREMENTAL"));
        assertEquals("PARTIALLY_FAILED", first.getString("state"), first.prettify());
        assertEquals(1, first.getInt("failed"));
        assertEquals(3, first.getInt("created"));
        List<Map<String, Object>> failed = given().auth().oauth2(setup.user()).queryParam("outcome", "failed")
                .get("/api/v1/sync/jobs/" + first.getString("id") + "/notes").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, failed.size());
        assertTrue(String.valueOf(failed.getFirst().get("reason")).contains("503"), failed.toString());

        String retry = given().auth().oauth2(setup.user()).post("/api/v1/sync/jobs/" + first.getString("id") + "/retry")
                .then().statusCode(202).body("mode", equalTo("RETRY")).extract().path("id");
        JsonPath retried = SyncApi.awaitFinished(setup.user(), retry);
        assertEquals("SUCCEEDED", retried.getString("state"), retried.prettify());
        assertEquals(1, retried.getInt("notesTotal"));
        assertEquals(1, retried.getInt("created"));
        assertEquals(4, NotionEmulator.pages(setup.notionDatabase()).size());
        // the watermark was held by the failure, so the next run reads the notes again; all are unchanged now
        JsonPath after = SyncApi.awaitFinished(setup.user(), SyncApi.trigger(setup.user(), setup.connection(), "INCREMENTAL"));
        assertEquals(4, after.getInt("unchanged"));
        assertEquals(0L, after.getLong("notionRequests"));
    }

    /**
     * A retry later than the bucket's 7-day lifecycle: the failed note's image is gone from S3 (deleted here as
     * the lifecycle rule would), so the retry reads the note from Keep again, copies its image again and writes
     * the page with it, instead of failing the note again with "missing from S3".
     */
    @Test
    void aRetryAfterTheAttachmentsExpiredReadsTheNoteFromKeepAgain() {
        String keepUser = "u" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        String refreshToken = "1//rt-" + UUID.randomUUID();
        NotionEmulator.keepRefreshToken(refreshToken, keepUser);
        Instant created = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        // note 2 has an image
        NotionEmulator.keepNotes(keepUser, List.of(KeepNotes.note("img-note", 2, "with a photo", created, created)));
        String notionToken = NotionEmulator.token();
        String database = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String user = AccessTokens.user(AccessTokens.newUser());
        String connection = SyncApi.createConnection(user, SyncApi.refreshTokenConnection(refreshToken, database, notionToken));
        NotionEmulator.post("/_emulator/notion/faults", Map.of("status", 503, "times", 6, "retryAfterSeconds", 0, "request", "POST /pages"));
        JsonPath first = SyncApi.awaitFinished(user, SyncApi.trigger(user, connection, "INCREMENTAL"));
        assertEquals("FAILED", first.getString("state"), first.prettify());

        // seven days later: the lifecycle rule has removed the job's files
        String bucket = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kn.test.connectors-bucket", String.class);
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            List<String> files = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("jobs/" + first.getString("id") + "/")).contents()
                    .stream().map(S3Object::key).filter(k -> !k.endsWith("/")).toList();
            assertEquals(1, files.size(), files.toString());
            files.forEach(key -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        }

        String retry = given().auth().oauth2(user).post("/api/v1/sync/jobs/" + first.getString("id") + "/retry")
                .then().statusCode(202).extract().path("id");
        JsonPath retried = SyncApi.awaitFinished(user, retry);
        assertEquals("SUCCEEDED", retried.getString("state"), retried.prettify() + SyncApi.outcomes(user, retry));
        assertEquals(1, retried.getInt("created"), retried.prettify());
        List<JsonNode> pages = NotionEmulator.pages(database);
        assertEquals(1, pages.size());
        assertTrue(pages.getFirst().path("children").findValues("type").stream().anyMatch(t -> t.asText().equals("image")),
                pages.getFirst().toString());
    }

    @Test
    void aDueScheduledRunFiresOnceHoweverManyReplicasLook() throws Exception {
        Setup setup = connectionWithNotes(1);
        Map<String, Object> body = new HashMap<>(SyncApi.refreshTokenConnection(null, setup.notionDatabase(), null));
        body.put("scheduleMinutes", 60);
        given().auth().oauth2(setup.user()).contentType(ContentType.JSON).body(body)
                .put("/api/v1/sync/connections/" + setup.connection()).then().statusCode(200)
                .body("scheduleMinutes", equalTo(60));
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE connections SET next_run_at = now() - interval '1 minute' WHERE id = '" + setup.connection() + "'");
        }
        // four replicas' schedulers at the same moment
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        List<Future<List<UUID>>> fired = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fired.add(replicas.submit((Callable<List<UUID>>) () -> schedule.fire()));
        }
        int firings = 0;
        for (Future<List<UUID>> f : fired) {
            firings += (int) f.get().stream().filter(id -> id.toString().equals(setup.connection())).count();
        }
        replicas.shutdown();
        assertEquals(1, firings);
        List<Map<String, Object>> jobs = given().auth().oauth2(setup.user()).get("/api/v1/sync/connections/" + setup.connection() + "/jobs")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, jobs.size());
        assertEquals("SCHEDULE", jobs.getFirst().get("trigger"));
        assertEquals("SUCCEEDED", SyncApi.awaitFinished(setup.user(), (String) jobs.getFirst().get("id")).getString("state"));
    }
}
