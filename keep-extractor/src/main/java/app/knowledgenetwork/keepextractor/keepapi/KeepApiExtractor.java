package app.knowledgenetwork.keepextractor.keepapi;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.keepextractor.attachments.AttachmentStore;
import com.google.api.client.http.javanet.NetHttpTransport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads a user's notes from the Keep API into normalized notes, copying attachments to S3 under the
 * job's prefix. With a watermark it reads only what changed since (minus the safety overlap): the
 * notes updated since, and separately the notes trashed since, because the API leaves trashed notes
 * out unless the filter asks for them and the sync must archive their pages.
 */
@ApplicationScoped
public class KeepApiExtractor {

    private static final Logger LOG = Logger.getLogger(KeepApiExtractor.class);

    private final GoogleCredentialsFactory credentialsFactory;
    private final KeepApiConfig config;
    private final AttachmentStore attachments;
    private final NetHttpTransport transport = new NetHttpTransport();

    public KeepApiExtractor(GoogleCredentialsFactory credentialsFactory, KeepApiConfig config, AttachmentStore attachments) {
        this.credentialsFactory = credentialsFactory;
        this.config = config;
        this.attachments = attachments;
    }

    /**
     * @param watermark the previous run's {@link Extraction#watermark()}; empty reads everything
     * @return the notes, and the watermark to give the next run (the latest update or trash time seen)
     */
    public Extraction extract(String jobId, KeepCredentials credentials, Optional<Instant> watermark) {
        AttachmentStore.requireValidJobId(jobId);
        KeepApiClient client = new KeepApiClient(credentialsFactory.credentials(credentials), config, transport);
        List<KeepApiModel.ApiNote> changed = new ArrayList<>();
        for (String filter : filters(watermark, config.safetyOverlap())) {
            changed.addAll(client.listAll(filter.isEmpty() ? Optional.empty() : Optional.of(filter)));
        }
        Map<String, Note> notes = new LinkedHashMap<>();
        Map<String, NoteFailure> failures = new LinkedHashMap<>();
        Instant next = watermark.orElse(Instant.EPOCH);
        Instant heldBack = null;
        for (KeepApiModel.ApiNote apiNote : changed) {
            String id = apiNote.name == null ? "" : apiNote.name;
            List<Attachment> copied = new ArrayList<>();
            try {
                id = KeepApiNoteMapper.noteId(apiNote);
                if (notes.containsKey(id) || failures.containsKey(id)) {
                    continue;
                }
                Note note = KeepApiNoteMapper.toNote(apiNote, copyAttachments(client, jobId, id, apiNote, copied));
                notes.put(id, note);
                next = later(next, note.updatedAt());
                if (apiNote.trashTime != null) {
                    next = later(next, Instant.parse(apiNote.trashTime));
                }
            } catch (KeepApiException | IllegalArgumentException | DateTimeParseException e) {
                // One note's trouble (an attachment too large or not downloadable, a field the mapping cannot
                // read) leaves that note out whole and is reported; the other notes still go through.
                boolean retryable = e instanceof KeepApiException api && api.retryable();
                String reason = e instanceof KeepApiException ? e.getMessage() : "the Keep API returned an unreadable note: " + e.getMessage();
                failures.put(id, new NoteFailure(id, reason, retryable));
                copied.forEach(a -> attachments.delete(a.s3Key()));
                LOG.warnf("note %s left out of job %s: %s", id, jobId, reason);
                Instant seen = timeOf(apiNote);
                if (retryable && seen != null) {
                    heldBack = heldBack == null || seen.isBefore(heldBack) ? seen : heldBack;
                } else if (seen != null) {
                    next = later(next, seen);
                }
            }
        }
        if (heldBack != null && heldBack.isBefore(next)) {
            // The next run must read the note that failed for a passing reason again.
            next = watermark.isPresent() && heldBack.isBefore(watermark.get()) ? watermark.get() : heldBack;
        }
        boolean nothingRead = notes.isEmpty() && failures.isEmpty();
        return new Extraction(List.copyOf(notes.values()), List.copyOf(failures.values()),
                watermark.isEmpty() && nothingRead ? Optional.empty() : Optional.of(next));
    }

    /**
     * Reads the given notes again, one by one, copying their attachments to S3 again under the job's prefix:
     * for a write that came after the bucket's lifecycle removed the files of an earlier extraction. A note
     * the Keep API no longer has, or whose attachment fails, is in the failures with the reason.
     */
    public Extraction extractNotes(String jobId, KeepCredentials credentials, List<String> noteIds) {
        AttachmentStore.requireValidJobId(jobId);
        KeepApiClient client = new KeepApiClient(credentialsFactory.credentials(credentials), config, transport);
        List<Note> notes = new ArrayList<>();
        List<NoteFailure> failures = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(noteIds)) {
            if (id == null || !id.matches("[A-Za-z0-9._-]{1,256}")) {
                throw new IllegalArgumentException("noteIds must be Keep note ids (letters, digits, '.', '_', '-'), was '" + id + "'");
            }
            List<Attachment> copied = new ArrayList<>();
            try {
                Optional<KeepApiModel.ApiNote> apiNote = client.get(id);
                if (apiNote.isEmpty()) {
                    failures.add(new NoteFailure(id, "the note is no longer in Keep", false));
                    continue;
                }
                notes.add(KeepApiNoteMapper.toNote(apiNote.get(), copyAttachments(client, jobId, id, apiNote.get(), copied)));
            } catch (KeepApiException | IllegalArgumentException | DateTimeParseException e) {
                boolean retryable = e instanceof KeepApiException api && api.retryable();
                failures.add(new NoteFailure(id, e instanceof KeepApiException ? e.getMessage()
                        : "the Keep API returned an unreadable note: " + e.getMessage(), retryable));
                copied.forEach(a -> attachments.delete(a.s3Key()));
            }
        }
        return new Extraction(notes, failures, Optional.empty());
    }

    /** When the note last changed as far as the list filters go: its trash time if trashed, else its update time. */
    private static Instant timeOf(KeepApiModel.ApiNote note) {
        try {
            String time = note.trashTime != null ? note.trashTime : note.updateTime;
            return time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The list filters for a run: without a watermark, all live notes then all trashed ones; with one,
     * those updated or trashed since the watermark minus the overlap.
     */
    static List<String> filters(Optional<Instant> watermark, java.time.Duration overlap) {
        if (watermark.isEmpty()) {
            return List.of("", "trashed");
        }
        String since = watermark.get().minus(overlap).truncatedTo(ChronoUnit.MICROS).toString();
        return List.of("update_time >= \"" + since + "\"", "trashed AND trash_time >= \"" + since + "\"");
    }

    /** Copies the note's attachments to S3, adding each to {@code copied} as soon as it is there (to undo on failure). */
    private List<Attachment> copyAttachments(KeepApiClient client, String jobId, String noteId, KeepApiModel.ApiNote note,
            List<Attachment> copied) {
        if (note.attachments == null) {
            return List.of();
        }
        for (KeepApiModel.ApiAttachment attachment : note.attachments) {
            if (attachment.mimeType == null || attachment.mimeType.isEmpty()) {
                throw new KeepApiException(502, "", "attachment " + attachment.name + " has no mimeType", null);
            }
            String mimeType = attachment.mimeType.getFirst();
            String attachmentId = attachment.name.substring(attachment.name.lastIndexOf('/') + 1);
            byte[] bytes;
            try {
                bytes = client.download(attachment.name, mimeType, config.maxAttachmentBytes());
            } catch (KeepApiException e) {
                throw e.httpStatus() == 413 ? e
                        : new KeepApiException(e.httpStatus(), e.googleStatus(), "attachment " + attachment.name + " could not be downloaded: " + e.getMessage(), e);
            }
            copied.add(attachments.put(AttachmentStore.key(jobId, "keep-api/" + noteId + "/" + attachmentId), attachmentId + extension(mimeType),
                    mimeType, bytes));
        }
        return copied;
    }

    private static String extension(String mimeType) {
        return switch (mimeType) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            case "audio/3gpp" -> ".3gp";
            case "audio/mpeg" -> ".mp3";
            default -> "";
        };
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * Notes read, notes left out with their reasons, and the watermark for the next run (empty only when
     * nothing was ever read).
     */
    public record Extraction(List<Note> notes, List<NoteFailure> failures, Optional<Instant> watermark) {
    }
}
