package app.knowledgenetwork.notionwriter.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.notes.NoteBody.ChecklistItem;
import app.knowledgenetwork.common.notes.WebLink;
import app.knowledgenetwork.notionwriter.NotionEmulator;
import app.knowledgenetwork.notionwriter.TestNotes;
import app.knowledgenetwork.notionwriter.schema.IncompatibleDatabaseException;
import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@WithTestResource(EmulatorsTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
class NoteWriterTest {

    @Inject
    NotionWriters writers;

    @ConfigProperty(name = "kn.s3.bucket")
    String bucket;

    private String token;
    private String database;

    private void newDatabase(Map<String, String> properties) {
        token = NotionEmulator.newToken();
        NotionEmulator.token(token, 3, 9);
        database = NotionEmulator.database(token, properties);
    }

    private List<NoteWriteResult> write(List<Note> notes, Map<String, KnownPage> known) {
        NoteWriter writer = writers.open(token);
        try {
            return writer.write(database, notes, known);
        } finally {
            writer.close();
        }
    }

    private static String text(JsonNode block) {
        StringBuilder out = new StringBuilder();
        JsonNode content = block.path(block.path("type").asText());
        content.path("rich_text").forEach(item -> out.append(item.path("plain_text").asText()));
        return out.toString();
    }

    private static long requests(String token) {
        return NotionEmulator.stats(token).path("requests").asLong();
    }

    @Test
    void everyFieldOfANoteLandsInItsPropertyOrBlock() {
        newDatabase(Map.of("Name", "title"));
        Note note = TestNotes.full(TestNotes.newId(), "First line\nSecond line", List.of("work", "a,b"),
                List.of(new WebLink("https://example.org/x", "Example", "An example")), List.of());

        NoteWriteResult result = write(List.of(note), Map.of()).get(0);

        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        assertEquals(note.contentHash(), result.contentHash());
        JsonNode page = NotionEmulator.page(result.pageId());
        JsonNode p = page.path("properties");
        assertEquals("Full note", p.path("Name").path("title").get(0).path("plain_text").asText());
        assertEquals(List.of("work", "a\u201Ab"), p.path("Labels").path("multi_select").findValuesAsText("name"));
        assertEquals("RED", p.path("Color").path("select").path("name").asText());
        assertTrue(p.path("Pinned").path("checkbox").asBoolean());
        assertTrue(p.path("Archived").path("checkbox").asBoolean());
        assertEquals(note.id(), p.path("Keep ID").path("rich_text").get(0).path("plain_text").asText());
        assertEquals("https://keep.google.com/#NOTE/" + note.id(), p.path("Keep link").path("url").asText());
        assertEquals("2025-12-24T18:30:00Z", p.path("Created").path("date").path("start").asText());
        assertEquals("2026-01-05T09:15:00Z", p.path("Updated").path("date").path("start").asText());
        JsonNode blocks = page.path("children");
        assertEquals(2, blocks.size());
        assertEquals("paragraph", blocks.get(0).path("type").asText());
        assertEquals("First line\nSecond line", text(blocks.get(0)));
        assertEquals("bookmark", blocks.get(1).path("type").asText());
        assertEquals("https://example.org/x", blocks.get(1).path("bookmark").path("url").asText());
        assertEquals("Example", blocks.get(1).path("bookmark").path("caption").get(0).path("plain_text").asText());
        assertFalse(page.path("archived").asBoolean());
    }

    @Test
    void aNewNoteWithoutImagesCostsOneRequestBesidesTheBatchsSchemaCheckAndLookup() {
        newDatabase(Map.of("Name", "title"));
        write(List.of(TestNotes.text(TestNotes.newId(), "warm-up", "x")), Map.of());
        long before = requests(token);
        List<Note> notes = IntStream.range(0, 5).mapToObj(i -> TestNotes.text(TestNotes.newId(), "n" + i, "body " + i)).toList();

        write(notes, Map.of());

        assertEquals(1 + 1 + 5, requests(token) - before, "retrieve database + one lookup query + one create per note");
    }

    @Test
    void longTextIsSplitIntoParagraphsUnderTheLimitWithoutBreakingWordsOrSurrogatePairs() {
        newDatabase(Map.of("Name", "title"));
        StringBuilder text = new StringBuilder();
        while (text.length() < 4500) {
            text.append("word\uD83D\uDE00 ");
        }
        String body = text.toString();
        NoteWriteResult result = write(List.of(TestNotes.text(TestNotes.newId(), "long", body)), Map.of()).get(0);

        JsonNode blocks = NotionEmulator.page(result.pageId()).path("children");
        assertEquals(3, blocks.size());
        StringBuilder joined = new StringBuilder();
        for (JsonNode block : blocks) {
            String piece = text(block);
            assertTrue(piece.length() <= 2000, "piece of " + piece.length());
            assertTrue(piece.endsWith(" ") || block == blocks.get(blocks.size() - 1), "cut inside a word: ..." + piece.substring(piece.length() - 8));
            assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)));
            joined.append(piece);
        }
        assertEquals(body, joined.toString());
    }

    @Test
    void moreThanAHundredBlocksGoInTheCreateRequestAndAppendsOfAtMostAHundred() {
        newDatabase(Map.of("Name", "title"));
        List<ChecklistItem> items = IntStream.range(0, 250).mapToObj(i -> ChecklistItem.of("item " + i, i % 2 == 0)).toList();
        write(List.of(), Map.of());
        NoteWriter writer = writers.open(token);
        long before = requests(token);
        NoteWriteResult result = writer.write(database, List.of(TestNotes.checklist(TestNotes.newId(), "many", items)), Map.of()).get(0);
        writer.close();

        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        assertEquals(2 + 3, requests(token) - before, "retrieve + lookup, then create with 100, append 100, append 50");
        JsonNode blocks = NotionEmulator.page(result.pageId()).path("children");
        assertEquals(250, blocks.size());
        for (int i = 0; i < 250; i++) {
            assertEquals("item " + i, text(blocks.get(i)));
            assertEquals(i % 2 == 0, blocks.get(i).path("to_do").path("checked").asBoolean());
        }
    }

    @Test
    void nestedChecklistKeepsCheckedStateAndSubItems() {
        newDatabase(Map.of("Name", "title"));
        Note note = TestNotes.checklist(TestNotes.newId(), "Groceries", List.of(
                new ChecklistItem("Fruit", false, List.of(ChecklistItem.of("Apples", true), ChecklistItem.of("Pears", false))),
                ChecklistItem.of("Bread", true)));

        NoteWriteResult result = write(List.of(note), Map.of()).get(0);

        JsonNode page = NotionEmulator.page(result.pageId());
        JsonNode blocks = page.path("children");
        assertEquals(2, blocks.size());
        assertEquals("to_do", blocks.get(0).path("type").asText());
        assertEquals("Fruit", text(blocks.get(0)));
        assertFalse(blocks.get(0).path("to_do").path("checked").asBoolean());
        JsonNode sub = blocks.get(0).path("children");
        assertEquals(List.of("Apples", "Pears"), List.of(text(sub.get(0)), text(sub.get(1))));
        assertTrue(sub.get(0).path("to_do").path("checked").asBoolean());
        assertFalse(sub.get(1).path("to_do").path("checked").asBoolean());
        assertEquals("Bread", text(blocks.get(1)));
        assertTrue(blocks.get(1).path("to_do").path("checked").asBoolean());
        JsonNode p = page.path("properties");
        assertEquals(List.of("todo"), p.path("Labels").path("multi_select").findValuesAsText("name"));
        assertEquals("YELLOW", p.path("Color").path("select").path("name").asText());
        assertTrue(p.path("Keep link").path("url").isNull(), "a Takeout note has no Keep link");
    }

    @Test
    void imagesAreUploadedFromS3AndPlacedAsImageBlocks() throws Exception {
        newDatabase(Map.of("Name", "title"));
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3, 4, 5};
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        String key = "jobs/test/" + TestNotes.newId() + "/photo.png";
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(png));
        }
        Note note = TestNotes.full(TestNotes.newId(), "with a photo", List.of(), List.of(),
                List.of(new Attachment("photo.png", "image/png", key, sha, png.length)));

        NoteWriteResult result = write(List.of(note), Map.of()).get(0);

        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        JsonNode blocks = NotionEmulator.page(result.pageId()).path("children");
        assertEquals(List.of("paragraph", "image"), List.of(blocks.get(0).path("type").asText(), blocks.get(1).path("type").asText()));
        String uploadId = blocks.get(1).path("image").path("file").path("file_upload_id").asText();
        JsonNode upload = NotionEmulator.upload(uploadId);
        assertEquals(sha, upload.path("sha256").asText());
        assertEquals("photo.png", upload.path("filename").asText());
        assertEquals("image/png", upload.path("content_type").asText());
    }

    @Test
    void aVoiceMemoNotionCannotTakeIsNamedInThePageAndALargeFileGoesUpInParts() throws Exception {
        newDatabase(Map.of("Name", "title"));
        byte[] memo = {0, 0, 0, 24, 'f', 't', 'y', 'p', '3', 'g', 'p', '4'};
        byte[] large = new byte[25 * 1024 * 1024]; // over Notion's 20 MB single-part limit, under keep-extractor's 50 MiB
        new java.util.Random(5).nextBytes(large);
        String memoKey = "jobs/test/" + TestNotes.newId() + "/memo.3gp";
        String largeKey = "jobs/test/" + TestNotes.newId() + "/scan.pdf";
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            s3.putObject(b -> b.bucket(bucket).key(memoKey), RequestBody.fromBytes(memo));
            s3.putObject(b -> b.bucket(bucket).key(largeKey), RequestBody.fromBytes(large));
        }
        String largeSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(large));
        Note note = TestNotes.full(TestNotes.newId(), "voice and scan", List.of(), List.of(), List.of(
                new Attachment("memo.3gp", "audio/3gpp", memoKey, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(memo)), memo.length),
                new Attachment("scan.pdf", "application/pdf", largeKey, largeSha, large.length)));

        NoteWriteResult result = write(List.of(note), Map.of()).get(0);

        // Written, not FAILED: the memo is a warning and a line in the page; the 25 MB file arrived whole.
        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        assertTrue(String.valueOf(result.reason()).contains("memo.3gp (audio/3gpp) is a file type Notion does not accept"), result.reason());
        String page = NotionEmulator.page(result.pageId()).path("children").toString();
        assertTrue(page.contains("Attachment memo.3gp (audio/3gpp) is not in this page"), page);
        JsonNode blocks = NotionEmulator.page(result.pageId()).path("children");
        JsonNode file = null;
        for (JsonNode block : blocks) {
            if (block.path("type").asText().equals("file")) {
                file = block;
            }
        }
        assertTrue(file != null, blocks.toString());
        JsonNode upload = NotionEmulator.upload(file.path("file").path("file").path("file_upload_id").asText());
        assertEquals(largeSha, upload.path("sha256").asText());
        assertEquals(large.length, upload.path("content_length").asLong());
    }

    @Test
    void anAttachmentMissingFromS3FailsThatNoteOnly() {
        newDatabase(Map.of("Name", "title"));
        Note broken = TestNotes.full(TestNotes.newId(), "x", List.of(), List.of(),
                List.of(new Attachment("gone.png", "image/png", "jobs/none/gone.png", "00", 1)));
        Note fine = TestNotes.text(TestNotes.newId(), "fine", "ok");

        List<NoteWriteResult> results = write(List.of(broken, fine), Map.of());

        assertEquals(WriteOutcome.FAILED, results.get(0).outcome());
        assertTrue(results.get(0).reason().contains("gone.png is missing from S3"), results.get(0).reason());
        // sync-service extracts such a note again from Keep (its files expired with the bucket's lifecycle)
        assertEquals(List.of("jobs/none/gone.png"), results.get(0).attachmentsGone());
        assertEquals(WriteOutcome.CREATED, results.get(1).outcome());
        assertEquals(1, NotionEmulator.pages(database).size());
    }

    @Test
    void bootstrapAddsMissingPropertiesWithTheirTypes() {
        newDatabase(Map.of("Title", "title", "Pinned", "checkbox"));

        write(List.of(), Map.of());

        JsonNode properties = NotionEmulator.databaseState(database).path("properties");
        Map<String, String> expected = Map.of("Title", "title", "Labels", "multi_select", "Color", "select", "Pinned", "checkbox",
                "Archived", "checkbox", "Keep ID", "rich_text", "Keep link", "url", "Created", "date", "Updated", "date");
        expected.forEach((name, type) -> assertEquals(type, properties.path(name).path("type").asText(), name));
        assertEquals(expected.size(), properties.size());
    }

    @Test
    void aDatabaseWithAnIncompatiblePropertyIsRefusedNamingItAndNothingIsWritten() {
        newDatabase(Map.of("Name", "title", "Labels", "rich_text"));

        IncompatibleDatabaseException refused = assertThrows(IncompatibleDatabaseException.class,
                () -> write(List.of(TestNotes.text(TestNotes.newId(), "t", "x")), Map.of()));

        assertTrue(refused.getMessage().contains("\"Labels\" has type rich_text but Keep notes need multi_select"), refused.getMessage());
        assertEquals(0, NotionEmulator.pages(database).size());
        assertFalse(NotionEmulator.databaseState(database).path("properties").has("Keep ID"), "nothing added to a refused database");
    }

    @Test
    void reRunningWritesNothingNewAndACrashBeforeRecordingLeavesNoDuplicate() {
        newDatabase(Map.of("Name", "title"));
        List<Note> notes = IntStream.range(0, 3).mapToObj(i -> TestNotes.text(TestNotes.newId(), "n" + i, "body " + i)).toList();
        List<NoteWriteResult> first = write(notes, Map.of());
        Map<String, KnownPage> mapping = new java.util.HashMap<>();
        first.forEach(r -> mapping.put(r.noteId(), new KnownPage(r.pageId(), r.contentHash())));

        long before = requests(token);
        List<NoteWriteResult> again = write(notes, mapping);
        assertTrue(again.stream().allMatch(r -> r.outcome() == WriteOutcome.UNCHANGED));
        assertEquals(1, requests(token) - before, "only the database check");

        // As if the first run crashed after creating the pages but before the mapping was recorded.
        List<NoteWriteResult> recovered = write(notes, Map.of());
        assertEquals(3, NotionEmulator.pages(database).size());
        for (int i = 0; i < 3; i++) {
            assertEquals(first.get(i).pageId(), recovered.get(i).pageId());
            assertEquals(WriteOutcome.UPDATED, recovered.get(i).outcome());
        }
    }

    @Test
    void aChangedNoteUpdatesItsPageAndReplacesItsBlocks() {
        newDatabase(Map.of("Name", "title"));
        Note note = TestNotes.text(TestNotes.newId(), "before", "old body");
        NoteWriteResult first = write(List.of(note), Map.of()).get(0);
        Note changed = new Note(note.id(), note.source(), "after", new app.knowledgenetwork.common.notes.NoteBody.Text("new body"),
                note.labels(), note.color(), note.pinned(), note.archived(), false, note.createdAt(), note.updatedAt(), note.links(), note.attachments());

        NoteWriteResult second = write(List.of(changed), Map.of(note.id(), new KnownPage(first.pageId(), first.contentHash()))).get(0);

        assertEquals(WriteOutcome.UPDATED, second.outcome());
        JsonNode page = NotionEmulator.page(first.pageId());
        assertEquals("after", page.path("properties").path("Name").path("title").get(0).path("plain_text").asText());
        assertEquals(1, page.path("children").size());
        assertEquals("new body", text(page.path("children").get(0)));
    }

    @Test
    void aTrashedNoteArchivesItsPage() {
        newDatabase(Map.of("Name", "title"));
        Note note = TestNotes.text(TestNotes.newId(), "soon gone", "x");
        NoteWriteResult created = write(List.of(note), Map.of()).get(0);

        NoteWriteResult archived = write(List.of(TestNotes.trashed(note)), Map.of(note.id(), new KnownPage(created.pageId(), created.contentHash()))).get(0);

        assertEquals(WriteOutcome.ARCHIVED, archived.outcome());
        assertTrue(NotionEmulator.page(created.pageId()).path("archived").asBoolean());
        NoteWriteResult neverWritten = write(List.of(TestNotes.trashed(TestNotes.text(TestNotes.newId(), "t", "x"))), Map.of()).get(0);
        assertEquals(WriteOutcome.UNCHANGED, neverWritten.outcome());
        assertEquals(1, NotionEmulator.pages(database).size());
    }

    @Test
    void rateLimitedAndFailingRequestsAreRetriedHonouringRetryAfter() {
        newDatabase(Map.of("Name", "title"));
        write(List.of(), Map.of());
        long before = requests(token);
        NotionEmulator.fault(429, 2, 1);
        NotionEmulator.fault(503, 1, 0);
        NotionEmulator.fault(500, 1, 0);
        long start = System.nanoTime();

        NoteWriteResult result = write(List.of(TestNotes.text(TestNotes.newId(), "t", "x")), Map.of()).get(0);

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        assertEquals(3 + 4, requests(token) - before, "three requests plus four retried failures");
        assertTrue(elapsedMillis >= 2000, "two Retry-After: 1 waits honoured, took " + elapsedMillis + " ms");
        assertEquals(1, NotionEmulator.pages(database).size());
    }

    @Test
    void aRetryAfterPausesEveryWriterOfTheTokenNotOnlyTheRequestThatGotIt() throws Exception {
        newDatabase(Map.of("Name", "title"));
        write(List.of(), Map.of());
        // Two writers of one token, as two replicas would be: each its own client and governor, one Redis.
        NoteWriter first = writers.open(token);
        NoteWriter second = writers.open(token);
        // The first page create (whichever writer sends it) is told to wait 2 s.
        NotionEmulator.rateLimited("POST /pages", 2, 1);
        List<List<NoteWriteResult>> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (NoteWriter writer : List.of(first, second)) {
            threads.add(Thread.ofPlatform().start(() -> {
                List<Note> notes = IntStream.range(0, 4).mapToObj(i -> TestNotes.text(TestNotes.newId(), "n" + i, "x")).toList();
                results.add(writer.write(database, notes, Map.of()));
                writer.close();
            }));
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }

        assertEquals(2, results.size());
        results.forEach(list -> list.forEach(r -> assertEquals(WriteOutcome.CREATED, r.outcome(), String.valueOf(r.reason()))));
        assertEquals(8, NotionEmulator.pages(database).size());
        JsonNode stats = NotionEmulator.stats(token);
        assertEquals(0, stats.path("requestsDuringRetryAfter").asInt(), "no writer of the token sent before the Retry-After had passed: " + stats);
    }

    @Test
    void aValidationErrorIsRecordedAgainstTheNoteAndNotRetried() {
        newDatabase(Map.of("Name", "title"));
        write(List.of(), Map.of());
        Note invalid = TestNotes.full(TestNotes.newId(), "x", List.of(), List.of(new WebLink("https://example.org/" + "a".repeat(2100), "", "")), List.of());
        Note valid = TestNotes.text(TestNotes.newId(), "ok", "fine");
        long before = requests(token);

        List<NoteWriteResult> results = write(List.of(invalid, valid), Map.of());

        assertEquals(WriteOutcome.FAILED, results.get(0).outcome());
        assertTrue(results.get(0).reason().startsWith("Notion 400 validation_error"), results.get(0).reason());
        assertEquals(WriteOutcome.CREATED, results.get(1).outcome());
        assertEquals(2 + 1 + 1, requests(token) - before, "retrieve + lookup, the refused create once, the good create");
        assertEquals(1, NotionEmulator.pages(database).size());
    }

    @Test
    void threeWritersAtOnceShareOneBucketAndNeverExceedTheRate() throws Exception {
        token = NotionEmulator.newToken();
        // Notion's average with a burst of one second's worth: more than 3 in a second would be refused.
        NotionEmulator.token(token, 3, 3);
        database = NotionEmulator.database(token, Map.of("Name", "title"));
        write(List.of(), Map.of());
        long before = requests(token);
        List<Thread> threads = new ArrayList<>();
        List<List<NoteWriteResult>> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < 3; w++) {
            int writerNo = w;
            NoteWriter writer = writers.open(token);
            threads.add(Thread.ofPlatform().start(() -> {
                List<Note> notes = IntStream.range(0, 4).mapToObj(i -> TestNotes.text(TestNotes.newId(), "w" + writerNo + "-" + i, "x")).toList();
                results.add(writer.write(database, notes, Map.of()));
                writer.close();
            }));
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }

        assertEquals(3, results.size());
        results.forEach(list -> list.forEach(r -> assertEquals(WriteOutcome.CREATED, r.outcome(), String.valueOf(r.reason()))));
        assertEquals(12, NotionEmulator.pages(database).size());
        JsonNode stats = NotionEmulator.stats(token);
        assertEquals(0, stats.path("rateLimited").asInt(), stats.toString());
        assertEquals(3 * (2 + 4), stats.path("requests").asLong() - before, "each writer: retrieve + lookup + 4 creates; " + stats);
        // Notion limits an average (the emulator's bucket, burst 3, refused nothing above). Send times are
        // slots 350 ms apart, but a request woken late on a busy machine can meet the next ones in one second
        // (bench/sync saw 5 once in 1,241 requests under load 9); a burst let through by mistake would be many more.
        assertTrue(stats.path("maxRequestsInOneSecond").asInt() <= 5, stats.toString());
        double rate = (stats.path("requests").asLong() - 1) / (stats.path("requestSpanMillis").asLong() / 1000.0);
        assertTrue(rate <= 3.0, "requests/s " + rate + "; " + stats);
    }

    /**
     * Two writers of one token, as sync-service's two workers, keep Notion busy at 93 % of its 3 requests/s
     * or more (95 % at most: the spacing's margin is 5 %) and are never refused. A token bucket of one token and a 10 %
     * margin gave 88 % in bench/sync: each request's late wake-up and round trip were lost to the rate.
     */
    @Test
    void twoWritersOfOneTokenKeepNotionBusyNearItsLimitWithoutA429() throws Exception {
        token = NotionEmulator.newToken();
        NotionEmulator.token(token, 3, 3);
        database = NotionEmulator.database(token, Map.of("Name", "title"));
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writerNo = w;
            threads.add(Thread.ofPlatform().start(() -> {
                NoteWriter writer = writers.open(token);
                try {
                    // a database retrieve, one lookup and 15 creates per writer: 34 requests, 11 s at 3/s
                    writer.write(database, IntStream.range(0, 15).mapToObj(i -> TestNotes.text(TestNotes.newId(), "p" + writerNo + "-" + i, "x")).toList(),
                            Map.of());
                } finally {
                    writer.close();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        JsonNode stats = NotionEmulator.stats(token);
        long sent = stats.path("requests").asLong();
        // as Notion sees it: from the token's first request to its last
        double seconds = stats.path("requestSpanMillis").asLong() / 1000.0;
        assertTrue(sent >= 30, stats.toString());
        assertEquals(0, stats.path("rateLimited").asInt(), stats.toString());
        assertEquals(30, NotionEmulator.pages(database).size());
        double rate = (sent - 1) / seconds;
        assertTrue(rate >= 3 * 0.93, "requests/s " + rate + " over " + seconds + " s; " + stats);
        assertTrue(rate <= 3.0, "requests/s " + rate + " over " + seconds + " s; " + stats);
    }
}
