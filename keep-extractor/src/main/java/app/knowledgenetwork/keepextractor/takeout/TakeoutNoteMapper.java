package app.knowledgenetwork.keepextractor.takeout;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.notes.NoteBody;
import app.knowledgenetwork.common.notes.NoteSource;
import app.knowledgenetwork.common.notes.WebLink;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Takeout note to the normalized {@link Note}. Takeout checklists are flat. */
public final class TakeoutNoteMapper {

    private TakeoutNoteMapper() {
    }

    /**
     * @param id          the entry's file name without {@code .json}
     * @param attachments the note's attachments already in S3, in the note's order
     * @throws IllegalArgumentException naming what makes the note unusable
     */
    public static Note toNote(String id, TakeoutNote note, List<Attachment> attachments) {
        Long createdUsec = note.createdTimestampUsec() != null ? note.createdTimestampUsec() : note.userEditedTimestampUsec();
        if (createdUsec == null) {
            throw new IllegalArgumentException("has neither createdTimestampUsec nor userEditedTimestampUsec");
        }
        Instant created = micros(createdUsec);
        Instant edited = note.userEditedTimestampUsec() == null ? created : micros(note.userEditedTimestampUsec());
        return new Note(id, NoteSource.TAKEOUT, note.title(), body(note),
                orEmpty(note.labels()).stream().map(TakeoutNote.Label::name).filter(Objects::nonNull).toList(),
                Optional.ofNullable(note.color()).filter(c -> !c.isBlank()),
                Boolean.TRUE.equals(note.isPinned()), Boolean.TRUE.equals(note.isArchived()), Boolean.TRUE.equals(note.isTrashed()),
                created, edited, links(note), attachments);
    }

    static NoteBody body(TakeoutNote note) {
        if (note.listContent() != null && !note.listContent().isEmpty()) {
            return new NoteBody.Checklist(note.listContent().stream()
                    .map(item -> NoteBody.ChecklistItem.of(item.text(), Boolean.TRUE.equals(item.isChecked()))).toList());
        }
        return new NoteBody.Text(note.textContent());
    }

    private static List<WebLink> links(TakeoutNote note) {
        return orEmpty(note.annotations()).stream()
                .filter(a -> a.url() != null && !a.url().isBlank())
                .map(a -> new WebLink(a.url(), a.title(), a.description()))
                .toList();
    }

    private static Instant micros(long usec) {
        return Instant.EPOCH.plus(usec, ChronoUnit.MICROS);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
