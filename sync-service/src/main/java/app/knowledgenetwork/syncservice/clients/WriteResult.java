package app.knowledgenetwork.syncservice.clients;

import java.util.List;

/** notion-writer's answer for a batch: one result per note, and the Notion requests it cost. */
public record WriteResult(List<NoteResult> results, long notionRequests) {

    /**
     * outcome: CREATED, UPDATED, ARCHIVED, UNCHANGED or FAILED (with its reason); warnings of a written note;
     * for a failure, the S3 keys of its attachments that had expired (the note can be extracted again).
     */
    public record NoteResult(String noteId, String pageId, String outcome, String reason, String contentHash, List<String> warnings,
            List<String> attachmentsGone) {

        public NoteResult {
            warnings = warnings == null ? List.of() : warnings;
            attachmentsGone = attachmentsGone == null ? List.of() : attachmentsGone;
        }
    }
}
