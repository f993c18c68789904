package app.knowledgenetwork.syncservice.jobs;

import java.time.Instant;
import java.util.List;

/**
 * One note's fate in a job.
 *
 * @param outcome  PENDING until written; then CREATED, UPDATED, ARCHIVED, UNCHANGED or FAILED
 * @param reason   for FAILED: what went wrong; for UNCHANGED: why nothing was written, when not obvious
 * @param warnings what was written but not as in Keep (an attachment Notion cannot take, a missing file)
 */
public record JobNote(String noteId, String title, String outcome, String pageId, String reason, List<String> warnings,
        Instant updatedAt) {
}
