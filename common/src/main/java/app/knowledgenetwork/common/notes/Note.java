package app.knowledgenetwork.common.notes;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Google Keep note in the one shape every sync service speaks, whichever source it came from (the
 * Keep API or a Takeout archive). Fields the source does not know are empty, never guessed: the
 * Keep API has no labels, colour, pinned or archived state; Takeout has no stable note id.
 *
 * @param id           stable id of the note: the Keep API's {@code notes/{id}} suffix, or for
 *                     Takeout the archive entry's file name without {@code .json}
 * @param source       where the note was read from
 * @param title        title, possibly empty
 * @param body         text or checklist
 * @param labels       label names, in the order Keep lists them
 * @param color        Keep colour name ({@code DEFAULT}, {@code RED}, ...); empty when unknown
 * @param pinned       pinned in Keep (false when unknown)
 * @param archived     archived in Keep (false when unknown)
 * @param trashed      in Keep's trash: the note's page is archived in Notion
 * @param createdAt    creation time
 * @param updatedAt    last user edit
 * @param links        web links Keep attached to the note
 * @param attachments  files (images, audio, drawings) stored in S3
 */
public record Note(
        String id,
        NoteSource source,
        String title,
        NoteBody body,
        List<String> labels,
        Optional<String> color,
        boolean pinned,
        boolean archived,
        boolean trashed,
        Instant createdAt,
        Instant updatedAt,
        List<WebLink> links,
        List<Attachment> attachments) {

    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        title = title == null ? "" : title;
        Objects.requireNonNull(body, "body");
        labels = List.copyOf(labels);
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        links = List.copyOf(links);
        attachments = List.copyOf(attachments);
    }

    /** The link that opens this note in Keep, for the "Keep link" property. */
    public Optional<String> keepUrl() {
        return source == NoteSource.KEEP_API ? Optional.of("https://keep.google.com/#NOTE/" + id) : Optional.empty();
    }

    /** See {@link ContentHash}: equal for two notes exactly when Notion would show them alike. */
    public String contentHash() {
        return ContentHash.of(this);
    }
}
