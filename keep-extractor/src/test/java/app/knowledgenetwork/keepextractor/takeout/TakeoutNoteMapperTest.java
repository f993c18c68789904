package app.knowledgenetwork.keepextractor.takeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.notes.NoteBody;
import app.knowledgenetwork.common.notes.NoteSource;
import app.knowledgenetwork.common.notes.WebLink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TakeoutNoteMapperTest {

    private static TakeoutNote note(String text, List<TakeoutNote.ListItem> list, Long created, Long edited) {
        return new TakeoutNote("T", text, list, "RED", true, true, true, List.of(new TakeoutNote.Label("Work")),
                List.of(), List.of(new TakeoutNote.Annotation("d", "WEBLINK", "t", "https://a.example"),
                        new TakeoutNote.Annotation(null, "WEBLINK", null, null)), created, edited);
    }

    @Test
    void mapsEveryFieldNotionShows() {
        Attachment image = new Attachment("a.png", "image/png", "jobs/j/takeout/1-a.png", "ab", 3);
        Note mapped = TakeoutNoteMapper.toNote("T", note("body", null, 1_700_000_000_000_001L, 1_700_000_000_500_000L), List.of(image));

        assertEquals(new Note("T", NoteSource.TAKEOUT, "T", new NoteBody.Text("body"), List.of("Work"), Optional.of("RED"),
                true, true, true, Instant.parse("2023-11-14T22:13:20.000001Z"), Instant.parse("2023-11-14T22:13:20.5Z"),
                List.of(new WebLink("https://a.example", "t", "d")), List.of(image)), mapped);
    }

    @Test
    void aListBecomesAFlatChecklist() {
        Note mapped = TakeoutNoteMapper.toNote("L", note(null, List.of(new TakeoutNote.ListItem("a", true),
                new TakeoutNote.ListItem("b", null)), 1L, 1L), List.of());
        assertEquals(new NoteBody.Checklist(List.of(NoteBody.ChecklistItem.of("a", true), NoteBody.ChecklistItem.of("b", false))),
                mapped.body());
    }

    @Test
    void anOlderExportWithoutCreationTimeUsesTheEditTime() {
        Note mapped = TakeoutNoteMapper.toNote("O", note("x", null, null, 2_000_000L), List.of());
        assertEquals(Instant.ofEpochSecond(2), mapped.createdAt());
        assertEquals(Instant.ofEpochSecond(2), mapped.updatedAt());
    }

    @Test
    void aNoteWithoutAnyTimestampIsRefusedWithTheReason() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TakeoutNoteMapper.toNote("N", note("x", null, null, null), List.of()));
        assertEquals("has neither createdTimestampUsec nor userEditedTimestampUsec", refused.getMessage());
    }

    @Test
    void absentFlagsAndColourAreFalseAndEmpty() {
        TakeoutNote bare = new TakeoutNote(null, null, null, null, null, null, null, null, null, null, 5L, null);
        Note mapped = TakeoutNoteMapper.toNote("B", bare, List.of());
        assertEquals("", mapped.title());
        assertEquals(new NoteBody.Text(""), mapped.body());
        assertEquals(Optional.empty(), mapped.color());
        assertEquals(List.of(false, false, false), List.of(mapped.pinned(), mapped.archived(), mapped.trashed()));
    }
}
