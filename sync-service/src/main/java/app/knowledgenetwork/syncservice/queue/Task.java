package app.knowledgenetwork.syncservice.queue;

import java.util.List;
import java.util.UUID;

/**
 * A unit of a job's work, claimed by one worker at a time.
 *
 * @param kind     EXTRACT (read the notes, plan the writes) or WRITE (one batch of notes to notion-writer)
 * @param noteIds  for WRITE, the notes of the batch
 * @param attempts claims so far, this one included
 */
public record Task(long id, UUID jobId, Kind kind, List<String> noteIds, int attempts) {

    public enum Kind { EXTRACT, WRITE }
}
