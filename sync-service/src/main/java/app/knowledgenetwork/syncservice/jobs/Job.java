package app.knowledgenetwork.syncservice.jobs;

import java.time.Instant;
import java.util.UUID;

/** A sync job as stored, with its progress counts. */
public record Job(
        UUID id,
        UUID connectionId,
        JobMode mode,
        JobTrigger trigger,
        JobState state,
        UUID retryOf,
        String requestedBy,
        boolean cancelRequested,
        int notesTotal,
        int notesDone,
        int created,
        int updated,
        int archived,
        int unchanged,
        int failed,
        int warnings,
        long notionRequests,
        String watermark,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {
}
