package app.knowledgenetwork.common.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.knowledgenetwork.common.notes.NoteBody.ChecklistItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContentHashTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    static Note note() {
        return new Note("abc", NoteSource.TAKEOUT, "Groceries",
                new NoteBody.Checklist(List.of(new ChecklistItem("milk", false, List.of(ChecklistItem.of("oat", true))))),
                List.of("home"), Optional.of("RED"), false, false, false, CREATED, CREATED.plusSeconds(60),
                List.of(new WebLink("https://example.org", "Example", "")),
                List.of(new Attachment("a.png", "image/png", "job-1/a.png", "ff00", 10)));
    }

    static List<UnaryOperator<Note>> visibleChanges() {
        return List.of(
                n -> withTitle(n, "Groceries!"),
                n -> new Note(n.id(), n.source(), n.title(), new NoteBody.Checklist(List.of(
                        new ChecklistItem("milk", false, List.of(ChecklistItem.of("oat", false))))), n.labels(), n.color(),
                        n.pinned(), n.archived(), n.trashed(), n.createdAt(), n.updatedAt(), n.links(), n.attachments()),
                n -> new Note(n.id(), n.source(), n.title(), n.body(), List.of("home", "todo"), n.color(), n.pinned(),
                        n.archived(), n.trashed(), n.createdAt(), n.updatedAt(), n.links(), n.attachments()),
                n -> new Note(n.id(), n.source(), n.title(), n.body(), n.labels(), Optional.of("TEAL"), n.pinned(),
                        n.archived(), n.trashed(), n.createdAt(), n.updatedAt(), n.links(), n.attachments()),
                n -> new Note(n.id(), n.source(), n.title(), n.body(), n.labels(), n.color(), true,
                        n.archived(), n.trashed(), n.createdAt(), n.updatedAt(), n.links(), n.attachments()),
                n -> new Note(n.id(), n.source(), n.title(), n.body(), n.labels(), n.color(), n.pinned(),
                        true, n.trashed(), n.createdAt(), n.updatedAt(), n.links(), n.attachments()),
                n -> new Note(n.id(), n.source(), n.title(), n.body(), n.labels(), n.color(), n.pinned(),
                        n.archived(), true, n.createdAt(), n.updatedAt(), n.links(), n.attachments()),
                n -> new Note(n.id(), n.source(), n.title(), new NoteBody.Text("milk\noat"), n.labels(), n.color(), n.pinned(),
                        n.archived(), n.trashed(), n.createdAt(), n.updatedAt(), n.links(), n.attachments()),
                n -> new Note(n.id(), n.source(), n.title(), n.body(), n.labels(), n.color(), n.pinned(),
                        n.archived(), n.trashed(), n.createdAt(), n.updatedAt(), List.of(), n.attachments()),
                n -> new Note(n.id(), n.source(), n.title(), n.body(), n.labels(), n.color(), n.pinned(),
                        n.archived(), n.trashed(), n.createdAt(), n.updatedAt(), n.links(),
                        List.of(new Attachment("a.png", "image/png", "job-1/a.png", "ee11", 10))));
    }

    private static Note withTitle(Note n, String title) {
        return new Note(n.id(), n.source(), title, n.body(), n.labels(), n.color(), n.pinned(), n.archived(),
                n.trashed(), n.createdAt(), n.updatedAt(), n.links(), n.attachments());
    }

    @ParameterizedTest
    @MethodSource("visibleChanges")
    void everyChangeNotionShowsChangesTheHash(UnaryOperator<Note> change) {
        assertNotEquals(note().contentHash(), change.apply(note()).contentHash());
    }

    static Note textNote(String text) {
        return new Note("abc", NoteSource.KEEP_API, "Letter", new NoteBody.Text(text), List.of(), Optional.empty(),
                false, false, false, CREATED, CREATED, List.of(), List.of());
    }

    @Test
    void anEditOfATextBodyChangesTheHash() {
        assertNotEquals(textNote("Dear Ann,").contentHash(), textNote("Dear Anne,").contentHash());
        assertNotEquals(textNote("Dear Ann,").contentHash(), textNote("Dear Ann,\n").contentHash(), "a trailing line break shows too");
        assertNotEquals(textNote("").contentHash(), textNote(" ").contentHash());
        assertEquals(textNote("Dear Ann,").contentHash(), textNote("Dear Ann,").contentHash());
    }

    @Test
    void archivingAndUnarchivingChangeTheHashBothWays() {
        Note live = note();
        Note archived = new Note(live.id(), live.source(), live.title(), live.body(), live.labels(), live.color(), live.pinned(),
                true, live.trashed(), live.createdAt(), live.updatedAt(), live.links(), live.attachments());
        Note unarchived = new Note(live.id(), live.source(), live.title(), live.body(), live.labels(), live.color(), live.pinned(),
                false, live.trashed(), live.createdAt(), live.updatedAt(), live.links(), live.attachments());
        assertNotEquals(live.contentHash(), archived.contentHash());
        assertEquals(live.contentHash(), unarchived.contentHash(), "back to the same state, back to the same hash");
        // archived and pinned are two fields: one set is not the other set.
        Note pinned = new Note(live.id(), live.source(), live.title(), live.body(), live.labels(), live.color(), true,
                false, live.trashed(), live.createdAt(), live.updatedAt(), live.links(), live.attachments());
        assertNotEquals(pinned.contentHash(), archived.contentHash());
    }

    @Test
    void aNewS3KeyOrEditTimeAloneDoesNotCauseAWrite() {
        Note n = note();
        Note sameContent = new Note(n.id(), n.source(), n.title(), n.body(), n.labels(), n.color(), n.pinned(),
                n.archived(), n.trashed(), n.createdAt(), n.updatedAt().plusSeconds(3600), n.links(),
                List.of(new Attachment("a.png", "image/png", "job-2/a.png", "ff00", 10)));
        assertEquals(n.contentHash(), sameContent.contentHash());
    }

    @Test
    void fieldBoundariesCannotBeConfused() {
        Note a = withTitle(note(), "ab");
        Note b = new Note("abc", NoteSource.TAKEOUT, "a", new NoteBody.Text("b"), List.of(), Optional.empty(),
                false, false, false, CREATED, CREATED, List.of(), List.of());
        Note c = new Note("abc", NoteSource.TAKEOUT, "ab", new NoteBody.Text(""), List.of(), Optional.empty(),
                false, false, false, CREATED, CREATED, List.of(), List.of());
        assertNotEquals(b.contentHash(), c.contentHash());
        assertNotEquals(a.contentHash(), c.contentHash());
    }
}
