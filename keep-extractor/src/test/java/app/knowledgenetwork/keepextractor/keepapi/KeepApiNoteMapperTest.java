package app.knowledgenetwork.keepextractor.keepapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.notes.NoteBody;
import app.knowledgenetwork.common.notes.NoteSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeepApiNoteMapperTest {

    private static KeepApiModel.ListItem item(String text, Boolean checked, List<KeepApiModel.ListItem> children) {
        KeepApiModel.ListItem item = new KeepApiModel.ListItem();
        item.text = new KeepApiModel.TextContent();
        item.text.text = text;
        item.checked = checked;
        item.childListItems = children;
        return item;
    }

    @Test
    void aTextNoteHasNoLabelsColourPinOrArchiveBecauseTheApiHasNone() {
        KeepApiModel.ApiNote api = new KeepApiModel.ApiNote();
        api.name = "notes/abc";
        api.title = "Hello";
        api.createTime = "2026-01-01T10:00:00.123Z";
        api.updateTime = "2026-01-02T10:00:00Z";
        api.body = new KeepApiModel.Section();
        api.body.text = new KeepApiModel.TextContent();
        api.body.text.text = "World";

        Note note = KeepApiNoteMapper.toNote(api, List.of());

        assertEquals(new Note("abc", NoteSource.KEEP_API, "Hello", new NoteBody.Text("World"), List.of(), Optional.empty(), false,
                false, false, Instant.parse("2026-01-01T10:00:00.123Z"), Instant.parse("2026-01-02T10:00:00Z"), List.of(), List.of()), note);
        assertEquals(Optional.of("https://keep.google.com/#NOTE/abc"), note.keepUrl());
    }

    @Test
    void aListKeepsCheckedStateAndOneLevelOfNesting() {
        KeepApiModel.ApiNote api = new KeepApiModel.ApiNote();
        api.name = "notes/l";
        api.createTime = "2026-01-01T00:00:00Z";
        api.trashed = true;
        api.trashTime = "2026-01-03T00:00:00Z";
        api.body = new KeepApiModel.Section();
        api.body.list = new KeepApiModel.ListContent();
        api.body.list.listItems = List.of(item("parent", true, List.of(item("child", null, null))), item("other", false, null));

        Note note = KeepApiNoteMapper.toNote(api, List.of());

        assertEquals(new NoteBody.Checklist(List.of(
                new NoteBody.ChecklistItem("parent", true, List.of(NoteBody.ChecklistItem.of("child", false))),
                NoteBody.ChecklistItem.of("other", false))), note.body());
        assertEquals(true, note.trashed());
        assertEquals(note.createdAt(), note.updatedAt());
    }

    @Test
    void aNameThatIsNotANoteIsRefused() {
        KeepApiModel.ApiNote api = new KeepApiModel.ApiNote();
        api.name = "labels/x";
        assertThrows(IllegalArgumentException.class, () -> KeepApiNoteMapper.noteId(api));
    }

    @Test
    void incrementalFiltersStartAtTheWatermarkMinusTheOverlap() {
        assertEquals(List.of("", "trashed"), KeepApiExtractor.filters(Optional.empty(), Duration.ofMinutes(5)));
        assertEquals(List.of("update_time >= \"2026-03-01T11:55:00Z\"", "trashed AND trash_time >= \"2026-03-01T11:55:00Z\""),
                KeepApiExtractor.filters(Optional.of(Instant.parse("2026-03-01T12:00:00Z")), Duration.ofMinutes(5)));
    }
}
