package app.knowledgenetwork.keepextractor.keepapi;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.keepextractor.attachments.AttachmentStore;
import com.google.api.client.http.javanet.NetHttpTransport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a user's notes from the Keep API into normalized notes, copying attachments to S3 under the
 * job's prefix. With a watermark it reads only what changed since (minus the safety overlap): the
 * notes updated since, and separately the notes trashed since, because the API leaves trashed notes
 * out unless the filter asks for them and the sync must archive their pages.
 */
@ApplicationScoped
public class KeepApiExtractor {

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
        Instant next = watermark.orElse(Instant.EPOCH);
        for (KeepApiModel.ApiNote apiNote : changed) {
            String id;
            Note note;
            try {
                id = KeepApiNoteMapper.noteId(apiNote);
                if (notes.containsKey(id)) {
                    continue;
                }
                note = KeepApiNoteMapper.toNote(apiNote, copyAttachments(client, jobId, id, apiNote));
            } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
                // Not the caller's fault: the API returned something the mapping cannot read.
                throw new KeepApiException(502, "", "the Keep API returned an unreadable note " + apiNote.name + ": " + e.getMessage(), e);
            }
            notes.put(id, note);
            next = later(next, note.updatedAt());
            if (apiNote.trashTime != null) {
                next = later(next, Instant.parse(apiNote.trashTime));
            }
        }
        return new Extraction(List.copyOf(notes.values()), watermark.isEmpty() && notes.isEmpty() ? Optional.empty() : Optional.of(next));
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

    private List<Attachment> copyAttachments(KeepApiClient client, String jobId, String noteId, KeepApiModel.ApiNote note) {
        if (note.attachments == null) {
            return List.of();
        }
        List<Attachment> copied = new ArrayList<>();
        for (KeepApiModel.ApiAttachment attachment : note.attachments) {
            if (attachment.mimeType == null || attachment.mimeType.isEmpty()) {
                throw new KeepApiException(502, "", attachment.name + " has no mimeType", null);
            }
            String mimeType = attachment.mimeType.getFirst();
            String attachmentId = attachment.name.substring(attachment.name.lastIndexOf('/') + 1);
            byte[] bytes = client.download(attachment.name, mimeType, config.maxAttachmentBytes());
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

    /** Notes read, and the watermark for the next run (empty only when nothing was ever read). */
    public record Extraction(List<Note> notes, Optional<Instant> watermark) {
    }
}
