package app.knowledgenetwork.syncservice.clients;

import app.knowledgenetwork.common.notes.Note;
import java.util.List;

/**
 * What keep-extractor read for a job.
 *
 * @param notes     the notes changed since the watermark (trashed ones included)
 * @param failures  notes it could not read, each with its reason
 * @param watermark where the next incremental run starts
 */
public record Extraction(List<Note> notes, List<Failure> failures, String watermark) {

    public Extraction {
        notes = notes == null ? List.of() : notes;
        failures = failures == null ? List.of() : failures;
    }

    /** A note left out by the extraction; retryable when a later run may read it. */
    public record Failure(String noteId, String reason, boolean retryable) {
    }
}
