package app.knowledgenetwork.keepextractor.keepapi;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.notes.NoteBody;
import app.knowledgenetwork.common.notes.NoteSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A Keep API note to the normalized {@link Note}. The API knows no labels, colour, pinned or
 * archived state, so those are empty and false, never guessed.
 */
public final class KeepApiNoteMapper {

    private KeepApiNoteMapper() {
    }

    /** The id part of {@code notes/{id}}. */
    public static String noteId(KeepApiModel.ApiNote note) {
        if (note.name == null || !note.name.startsWith("notes/")) {
            throw new IllegalArgumentException("note name '" + note.name + "' is not of the form notes/{id}");
        }
        return note.name.substring("notes/".length());
    }

    /** @param attachments the note's attachments already copied to S3, in the API's order */
    public static Note toNote(KeepApiModel.ApiNote note, List<Attachment> attachments) {
        Instant created = time(note.createTime, "createTime", note);
        Instant updated = note.updateTime == null ? created : time(note.updateTime, "updateTime", note);
        return new Note(noteId(note), NoteSource.KEEP_API, note.title, body(note.body), List.of(), Optional.empty(),
                false, false, Boolean.TRUE.equals(note.trashed) || note.trashTime != null, created, updated, List.of(),
                attachments);
    }

    static NoteBody body(KeepApiModel.Section section) {
        if (section != null && section.list != null) {
            return new NoteBody.Checklist(items(section.list.listItems));
        }
        return new NoteBody.Text(section == null || section.text == null ? "" : section.text.text);
    }

    private static List<NoteBody.ChecklistItem> items(List<KeepApiModel.ListItem> items) {
        if (items == null) {
            return List.of();
        }
        return items.stream().map(item -> new NoteBody.ChecklistItem(item.text == null ? "" : item.text.text,
                Boolean.TRUE.equals(item.checked), items(item.childListItems))).toList();
    }

    private static Instant time(String value, String field, KeepApiModel.ApiNote note) {
        if (value == null) {
            throw new IllegalArgumentException(note.name + " has no " + field);
        }
        return OffsetDateTime.parse(value).toInstant();
    }
}
