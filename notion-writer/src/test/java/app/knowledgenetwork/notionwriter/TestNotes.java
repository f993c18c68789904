package app.knowledgenetwork.notionwriter;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.notes.NoteBody;
import app.knowledgenetwork.common.notes.NoteSource;
import app.knowledgenetwork.common.notes.WebLink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Notes for tests and the bench. */
public final class TestNotes {

    private TestNotes() {
    }

    public static String newId() {
        return "note-" + UUID.randomUUID();
    }

    public static Note text(String id, String title, String text) {
        return new Note(id, NoteSource.KEEP_API, title, new NoteBody.Text(text), List.of(), Optional.empty(), false, false, false,
                Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-02-03T04:05:06Z"), List.of(), List.of());
    }

    public static Note checklist(String id, String title, List<NoteBody.ChecklistItem> items) {
        return new Note(id, NoteSource.TAKEOUT, title, new NoteBody.Checklist(items), List.of("todo"), Optional.of("YELLOW"), true, false,
                false, Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-02-03T04:05:06Z"), List.of(), List.of());
    }

    public static Note full(String id, String text, List<String> labels, List<WebLink> links, List<Attachment> attachments) {
        return new Note(id, NoteSource.KEEP_API, "Full note", new NoteBody.Text(text), labels, Optional.of("RED"), true, true, false,
                Instant.parse("2025-12-24T18:30:00Z"), Instant.parse("2026-01-05T09:15:00Z"), links, attachments);
    }

    public static Note trashed(Note note) {
        return new Note(note.id(), note.source(), note.title(), note.body(), note.labels(), note.color(), note.pinned(), note.archived(),
                true, note.createdAt(), note.updatedAt(), note.links(), note.attachments());
    }

    public static Note retitled(Note note, String title) {
        return new Note(note.id(), note.source(), title, note.body(), note.labels(), note.color(), note.pinned(), note.archived(),
                note.trashed(), note.createdAt(), note.updatedAt(), note.links(), note.attachments());
    }
}
