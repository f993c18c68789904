package app.knowledgenetwork.notionwriter.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.notes.NoteBody;
import app.knowledgenetwork.common.notes.NoteBody.ChecklistItem;
import app.knowledgenetwork.notionwriter.NotionEmulator;
import app.knowledgenetwork.notionwriter.TestNotes;
import app.knowledgenetwork.notionwriter.notion.NotionSettings;
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

/**
 * Pages that changed behind the writer's back (deleted or trashed in Notion), answers slower than the
 * request timeout or errors after the request took effect, and updates that keep the blocks that did not change.
 */
@QuarkusTest
@WithTestResource(EmulatorsTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
class PageRecoveryTest {

    @Inject
    NotionWriters writers;
    @Inject
    NotionSettings settings;
    @ConfigProperty(name = "kn.s3.bucket")
    String bucket;

    private String token;
    private String database;

    private void newDatabase() {
        token = NotionEmulator.newToken();
        NotionEmulator.token(token, 3, 9);
        database = NotionEmulator.database(token, Map.of("Name", "title"));
    }

    private List<NoteWriteResult> write(List<Note> notes, Map<String, KnownPage> known) {
        NoteWriter writer = writers.open(token);
        try {
            return writer.write(database, notes, known);
        } finally {
            writer.close();
        }
    }

    private NoteWriteResult writeOne(Note note, NoteWriteResult previous) {
        Map<String, KnownPage> known = previous == null ? Map.of() : Map.of(note.id(), new KnownPage(previous.pageId(), previous.contentHash()));
        return write(List.of(note), known).get(0);
    }

    private long requests() {
        return NotionEmulator.stats(token).path("requests").asLong();
    }

    private List<JsonNode> livePages() {
        return NotionEmulator.pages(database).stream().filter(p -> !p.path("archived").asBoolean()).toList();
    }

    private static String text(JsonNode block) {
        StringBuilder out = new StringBuilder();
        block.path(block.path("type").asText()).path("rich_text").forEach(item -> out.append(item.path("plain_text").asText()));
        return out.toString();
    }

    private static List<String> texts(String pageId) {
        List<String> texts = new ArrayList<>();
        NotionEmulator.page(pageId).path("children").forEach(block -> texts.add(text(block)));
        return texts;
    }

    private static Note withText(Note note, String text) {
        return new Note(note.id(), note.source(), note.title(), new NoteBody.Text(text), note.labels(), note.color(), note.pinned(),
                note.archived(), note.trashed(), note.createdAt(), note.updatedAt(), note.links(), note.attachments());
    }

    private static Note withItems(Note note, List<ChecklistItem> items) {
        return new Note(note.id(), note.source(), note.title(), new NoteBody.Checklist(items), note.labels(), note.color(), note.pinned(),
                note.archived(), note.trashed(), note.createdAt(), note.updatedAt(), note.links(), note.attachments());
    }

    private static List<ChecklistItem> items(int count) {
        return IntStream.range(0, count).mapToObj(i -> ChecklistItem.of("item " + i, false)).toList();
    }

    // --- pages changed behind the writer's back

    @Test
    void aChangedNoteWhosePageWasDeletedInNotionGetsAFreshPageAndReportsIt() {
        newDatabase();
        Note note = TestNotes.text(TestNotes.newId(), "kept", "first words");
        NoteWriteResult first = writeOne(note, null);
        NotionEmulator.deleteForever(first.pageId());

        NoteWriteResult second = writeOne(withText(note, "second words"), first);

        assertEquals(WriteOutcome.CREATED, second.outcome(), String.valueOf(second.reason()));
        assertNotEquals(first.pageId(), second.pageId());
        assertEquals(List.of("second words"), texts(second.pageId()));
        assertEquals(1, livePages().size());
        NoteWriteResult third = writeOne(withText(note, "second words"), second);
        assertEquals(WriteOutcome.UNCHANGED, third.outcome(), "the new page id and hash are what the caller records");
    }

    @Test
    void aFreshPageWhoseMappingWasNeverRecordedIsFoundInsteadOfCreatingAnother() {
        newDatabase();
        Note note = TestNotes.text(TestNotes.newId(), "kept", "v1");
        NoteWriteResult first = writeOne(note, null);
        NotionEmulator.deleteForever(first.pageId());
        NoteWriteResult second = writeOne(withText(note, "v2"), first);
        assertEquals(WriteOutcome.CREATED, second.outcome(), String.valueOf(second.reason()));

        // As if the caller crashed before recording the second page: it still names the deleted one.
        NoteWriteResult third = writeOne(withText(note, "v3"), first);

        assertEquals(WriteOutcome.UPDATED, third.outcome(), String.valueOf(third.reason()));
        assertEquals(second.pageId(), third.pageId());
        assertEquals(List.of("v3"), texts(third.pageId()));
        assertEquals(1, livePages().size());
    }

    @Test
    void aChangedNoteWhosePageAUserTrashedRestoresThatPage() {
        newDatabase();
        Note note = TestNotes.text(TestNotes.newId(), "kept", "before");
        NoteWriteResult first = writeOne(note, null);
        NotionEmulator.trash(first.pageId());

        NoteWriteResult second = writeOne(withText(note, "after"), first);

        assertEquals(WriteOutcome.UPDATED, second.outcome(), String.valueOf(second.reason()));
        assertEquals(first.pageId(), second.pageId());
        assertFalse(NotionEmulator.page(first.pageId()).path("archived").asBoolean());
        assertEquals(List.of("after"), texts(first.pageId()));
        assertEquals(1, NotionEmulator.pages(database).size());
    }

    @Test
    void aTrashedNoteWhosePageIsAlreadyDeletedIsArchivedWithoutFailing() {
        newDatabase();
        Note note = TestNotes.text(TestNotes.newId(), "gone", "x");
        NoteWriteResult first = writeOne(note, null);
        NotionEmulator.deleteForever(first.pageId());

        NoteWriteResult trashed = writeOne(TestNotes.trashed(note), first);

        assertEquals(WriteOutcome.ARCHIVED, trashed.outcome(), String.valueOf(trashed.reason()));
        assertEquals(0, NotionEmulator.pages(database).size());
    }

    // --- slow answers

    @Test
    void anAnswerSlowerThanUsualButWithinTheRequestTimeoutIsWaitedFor() {
        newDatabase();
        write(List.of(), Map.of());
        long delay = settings.requestTimeout().toMillis() / 2;
        NotionEmulator.fault("POST /pages", 0, delay, 1);
        long before = requests();
        long start = System.nanoTime();

        NoteWriteResult result = writeOne(TestNotes.text(TestNotes.newId(), "slow", "x"), null);

        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= delay, "the slow answer was awaited");
        assertEquals(3, requests() - before, "retrieve + lookup + one create, nothing sent again");
        assertEquals(1, NotionEmulator.pages(database).size());
    }

    @Test
    void aCreateAnsweredAfterTheTimeoutIsFoundByItsKeepIdInsteadOfBeingSentAgain() {
        newDatabase();
        write(List.of(), Map.of());
        // Notion creates the page at once but answers after the writer stopped waiting.
        NotionEmulator.fault("POST /pages", 0, settings.requestTimeout().toMillis() + 1500, 1);
        long before = requests();

        NoteWriteResult result = writeOne(TestNotes.text(TestNotes.newId(), "late", "body"), null);

        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        List<JsonNode> pages = NotionEmulator.pages(database);
        assertEquals(1, pages.size(), "no duplicate page");
        assertEquals(pages.get(0).path("id").asText(), result.pageId());
        assertEquals(List.of("body"), texts(result.pageId()));
        assertEquals(4, requests() - before, "retrieve + lookup + the create + one lookup by Keep ID");
    }

    @Test
    void aCreateAnswered503AfterItTookEffectIsFoundByItsKeepIdInsteadOfBeingSentAgain() {
        newDatabase();
        write(List.of(), Map.of());
        // Notion documents 503 for a request that ran past its time limit: the page may exist all the same.
        NotionEmulator.faultTakingEffect("POST /pages", 503, 1);
        long before = requests();

        NoteWriteResult result = writeOne(TestNotes.text(TestNotes.newId(), "timed out", "body"), null);

        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        List<JsonNode> pages = NotionEmulator.pages(database);
        assertEquals(1, pages.size(), "exactly one page, no duplicate");
        assertEquals(pages.get(0).path("id").asText(), result.pageId());
        assertEquals(List.of("body"), texts(result.pageId()));
        assertEquals(4, requests() - before, "retrieve + lookup + the create + one lookup by Keep ID");
    }

    @Test
    void anAppendAnswered503AfterItTookEffectIsCountedNotSentAgain() {
        newDatabase();
        write(List.of(), Map.of());
        NotionEmulator.faultTakingEffect("PATCH /blocks", 503, 1);

        NoteWriteResult result = writeOne(TestNotes.checklist(TestNotes.newId(), "long", items(150)), null);

        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        List<String> texts = texts(result.pageId());
        assertEquals(150, texts.size(), "the 50 appended blocks are there once");
        assertEquals("item 149", texts.get(149));
    }

    @Test
    void aFileSendWhoseAnswerWasLostIsLookedUpInsteadOfBeingSentIntoARefusal() throws Exception {
        newDatabase();
        write(List.of(), Map.of());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 7, 7, 7};
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        String key = "jobs/test/" + TestNotes.newId() + "/late.png";
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(png));
        }
        Note note = TestNotes.full(TestNotes.newId(), "photo", List.of(), List.of(), List.of(new Attachment("late.png", "image/png", key, sha, png.length)));
        // Notion receives the file at once but answers after the writer stopped waiting; a second send would be
        // refused (400: the upload is no longer pending).
        NotionEmulator.fault("POST /file_uploads/", 0, settings.requestTimeout().toMillis() + 1500, 1);
        long before = requests();

        NoteWriteResult result = writeOne(note, null);

        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        JsonNode image = NotionEmulator.page(result.pageId()).path("children").get(1);
        assertEquals("image", image.path("type").asText());
        assertEquals(sha, NotionEmulator.upload(image.path("image").path("file").path("file_upload_id").asText()).path("sha256").asText());
        assertEquals(6, requests() - before, "retrieve + lookup, create the upload, the send, one look at the upload, the page create");
    }

    @Test
    void createsThatNeverGetAnAnswerAreSentAtMostMaxRetriesTimesMoreAndThenFailTheNote() {
        newDatabase();
        write(List.of(), Map.of());
        int maxRetries = settings.retry().maxRetries();
        // No answer within the timeout, and nothing created: every attempt is in vain.
        NotionEmulator.fault("POST /pages", 504, settings.requestTimeout().toMillis() + 1000, maxRetries + 1);
        Note note = TestNotes.text(TestNotes.newId(), "never", "x");
        long before = requests();

        NoteWriteResult failed = writeOne(note, null);

        assertEquals(WriteOutcome.FAILED, failed.outcome());
        assertTrue(failed.reason().contains("no answer"), failed.reason());
        assertEquals(0, NotionEmulator.pages(database).size());
        assertEquals(2 + (maxRetries + 1) + maxRetries, requests() - before,
                "retrieve + lookup, then " + (maxRetries + 1) + " creates with a lookup by Keep ID between each two");
        NoteWriteResult later = writeOne(note, null);
        assertEquals(WriteOutcome.CREATED, later.outcome(), String.valueOf(later.reason()));
        assertEquals(1, NotionEmulator.pages(database).size());
    }

    @Test
    void anAppendAnsweredAfterTheTimeoutIsCountedNotSentAgain() {
        newDatabase();
        write(List.of(), Map.of());
        NotionEmulator.fault("PATCH /blocks", 0, settings.requestTimeout().toMillis() + 1500, 1);

        NoteWriteResult result = writeOne(TestNotes.checklist(TestNotes.newId(), "long", items(150)), null);

        assertEquals(WriteOutcome.CREATED, result.outcome(), String.valueOf(result.reason()));
        List<String> texts = texts(result.pageId());
        assertEquals(150, texts.size(), "the 50 appended blocks are there once");
        assertEquals("item 149", texts.get(149));
    }

    // --- updates keep the leading blocks that did not change

    @Test
    void anEditAtTheEndOfALongNoteReplacesOnlyTheBlocksFromTheFirstDifference() {
        newDatabase();
        Note note = TestNotes.checklist(TestNotes.newId(), "long", items(250));
        NoteWriteResult first = writeOne(note, null);
        List<ChecklistItem> edited = new ArrayList<>(items(250));
        edited.set(249, ChecklistItem.of("item 249, edited", true));
        long before = requests();

        NoteWriteResult second = writeOne(withItems(note, edited), first);

        assertEquals(WriteOutcome.UPDATED, second.outcome(), String.valueOf(second.reason()));
        assertEquals(1 + 1 + 3 + 1 + 1, requests() - before,
                "retrieve database, update properties, list 250 blocks (3 pages), delete 1, append 1 (was 1 + 1 + 3 + 250 + 3)");
        JsonNode blocks = NotionEmulator.page(first.pageId()).path("children");
        assertEquals(250, blocks.size());
        assertEquals("item 249, edited", text(blocks.get(249)));
        assertTrue(blocks.get(249).path("to_do").path("checked").asBoolean());
        assertEquals("item 248", text(blocks.get(248)));
    }

    @Test
    void blocksFromAnEditInTheMiddleOnAreRewrittenInOrderAndSurplusBlocksRemoved() {
        newDatabase();
        Note note = TestNotes.checklist(TestNotes.newId(), "list", items(6));
        NoteWriteResult first = writeOne(note, null);
        List<ChecklistItem> edited = new ArrayList<>(items(5));
        edited.set(2, ChecklistItem.of("item 2, edited", false));

        NoteWriteResult second = writeOne(withItems(note, edited), first);

        assertEquals(WriteOutcome.UPDATED, second.outcome(), String.valueOf(second.reason()));
        assertEquals(List.of("item 0", "item 1", "item 2, edited", "item 3", "item 4"), texts(first.pageId()));
        List<ChecklistItem> checked = new ArrayList<>(edited);
        checked.set(0, ChecklistItem.of("item 0", true));
        NoteWriteResult third = writeOne(withItems(note, checked), second);
        assertEquals(WriteOutcome.UPDATED, third.outcome(), String.valueOf(third.reason()));
        JsonNode blocks = NotionEmulator.page(first.pageId()).path("children");
        assertEquals(5, blocks.size());
        assertTrue(blocks.get(0).path("to_do").path("checked").asBoolean(), "a changed checked state counts as a difference");
        assertEquals("item 4", text(blocks.get(4)));
    }
}
