package app.knowledgenetwork.syncservice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.syncservice.support.AccessTokens;
import app.knowledgenetwork.syncservice.support.Connectors;
import app.knowledgenetwork.syncservice.support.KeepNotes;
import app.knowledgenetwork.syncservice.support.NotionEmulator;
import app.knowledgenetwork.syncservice.support.SyncApi;
import app.knowledgenetwork.testsupport.ManagementInterface;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole chain: sync-service's jobs drive the real keep-extractor and notion-writer, which talk to
 * the Keep and Notion emulators. N notes land as exactly N pages; an edit, trash and add touches exactly
 * those notes; a run with nothing changed costs no Notion request at all.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(Connectors.class)
@WithTestResource(AccessTokens.class)
class SyncThroughTheConnectorsTest {

    private static final int NOTES = Integer.getInteger("sync.test-notes", 300);

    @Test
    void notesLandOnceThenOnlyChangesAreWrittenThenNothing() {
        String keepUser = "u" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        String refreshToken = "1//rt-" + UUID.randomUUID();
        NotionEmulator.keepRefreshToken(refreshToken, keepUser);
        Instant created = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant edited = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> notes = new ArrayList<>();
        for (int i = 0; i < NOTES; i++) {
            notes.add(KeepNotes.note("n" + i, i, "Body of note " + i, created.plusSeconds(i), edited));
        }
        NotionEmulator.keepNotes(keepUser, notes);
        String notionToken = NotionEmulator.token();
        String database = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String user = AccessTokens.user(AccessTokens.newUser());
        String connection = SyncApi.createConnection(user, SyncApi.refreshTokenConnection(refreshToken, database, notionToken));

        // 1. every note becomes exactly one page
        JsonPath first = SyncApi.awaitFinished(user, SyncApi.trigger(user, connection, "INCREMENTAL"));
        assertEquals("SUCCEEDED", first.getString("state"), first.prettify());
        assertEquals(NOTES, first.getInt("created"));
        assertEquals(NOTES, first.getInt("notesTotal"));
        Map<String, JsonNode> pages = pagesByKeepId(database);
        assertEquals(NOTES, NotionEmulator.pages(database).size());
        assertEquals(notes.stream().map(n -> (String) n.get("id")).collect(Collectors.toSet()), pages.keySet());
        JsonNode checklist = pages.get("n1").path("children");
        assertEquals("to_do", checklist.get(0).path("type").asText());
        assertEquals(true, checklist.get(1).path("to_do").path("checked").asBoolean());
        assertTrue(pages.get("n2").path("children").findValues("type").stream().anyMatch(t -> t.asText().equals("image")),
                "note 2 has an image");

        // 2. edit 10, trash 5, add 5: the next run touches exactly those 20
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> changes = new ArrayList<>();
        Set<String> editedIds = new HashSet<>();
        Set<String> trashedIds = new HashSet<>();
        Set<String> addedIds = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            int n = i * (NOTES / 10);
            changes.add(KeepNotes.note("n" + n, n, "Edited body of note " + n, created.plusSeconds(n), now));
            editedIds.add("n" + n);
        }
        for (int i = 0; i < 5; i++) {
            int n = 1 + i * (NOTES / 5);
            changes.add(KeepNotes.trashed(notes.get(n), now));
            trashedIds.add("n" + n);
        }
        for (int i = 0; i < 5; i++) {
            int n = NOTES + i;
            changes.add(KeepNotes.note("n" + n, n, "New note " + n, now, now));
            addedIds.add("n" + n);
        }
        NotionEmulator.keepNotes(keepUser, changes);
        JsonPath second = SyncApi.awaitFinished(user, SyncApi.trigger(user, connection, "INCREMENTAL"));
        assertEquals("SUCCEEDED", second.getString("state"), second.prettify());
        assertEquals(5, second.getInt("created"));
        assertEquals(10, second.getInt("updated"));
        assertEquals(5, second.getInt("archived"));
        Map<String, String> outcomes = SyncApi.outcomes(user, second.getString("id"));
        Map<String, String> touched = new HashMap<>(outcomes);
        touched.values().removeIf("UNCHANGED"::equals);
        Map<String, String> expected = new HashMap<>();
        editedIds.forEach(id -> expected.put(id, "UPDATED"));
        trashedIds.forEach(id -> expected.put(id, "ARCHIVED"));
        addedIds.forEach(id -> expected.put(id, "CREATED"));
        assertEquals(expected, touched);
        Map<String, JsonNode> after = pagesByKeepId(database);
        assertEquals(NOTES + 5, NotionEmulator.pages(database).size());
        trashedIds.forEach(id -> assertTrue(after.get(id).path("archived").asBoolean(), id + " archived"));
        assertEquals(pages.get("n0").path("id").asText(), after.get("n0").path("id").asText(), "an edit updates the same page");
        assertTrue(after.get("n0").toString().contains("Edited body of note 0"));

        // 3. nothing changed: no Notion request at all
        long requestsBefore = NotionEmulator.requests(notionToken);
        JsonPath third = SyncApi.awaitFinished(user, SyncApi.trigger(user, connection, "INCREMENTAL"));
        assertEquals("SUCCEEDED", third.getString("state"), third.prettify());
        assertEquals(0, third.getInt("created") + third.getInt("updated") + third.getInt("archived") + third.getInt("failed"));
        assertEquals(0L, third.getLong("notionRequests"));
        assertEquals(requestsBefore, NotionEmulator.requests(notionToken));

        // 4. a full resync re-reads every note and leaves the pages as they are: still one page per note
        JsonPath full = SyncApi.awaitFinished(user, SyncApi.trigger(user, connection, "FULL"));
        assertEquals("SUCCEEDED", full.getString("state"), full.prettify());
        assertEquals(0, full.getInt("created"));
        assertEquals(NOTES + 5, NotionEmulator.pages(database).size());

        // what the dashboards read
        assertTrue(ManagementInterface.metric("kn_sync_jobs_total", "outcome=\"succeeded\"", "mode=\"incremental\"") >= 3);
        assertTrue(ManagementInterface.metric("kn_sync_notes_written_total", "outcome=\"created\"") >= NOTES + 5);
        assertTrue(ManagementInterface.metric("kn_sync_notes_written_total", "outcome=\"archived\"") >= 5);
        assertTrue(ManagementInterface.metric("kn_sync_job_duration_seconds_count", "outcome=\"succeeded\"") >= 4);
    }

    private static Map<String, JsonNode> pagesByKeepId(String database) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode page : NotionEmulator.pages(database)) {
            String keepId = page.path("properties").path("Keep ID").path("rich_text").path(0).path("plain_text").asText();
            if (byId.put(keepId, page) != null) {
                throw new AssertionError("two pages for note " + keepId);
            }
        }
        return byId;
    }
}
