package app.knowledgenetwork.syncservice.clients;

import java.util.List;

/** notion-writer's answer for a batch: one result per note, and the Notion requests it cost. */
public record WriteResult(List<NoteResult> results, long notionRequests) {

    /** outcome: CREATED, UPDATED, ARCHIVED, UNCHANGED or FAILED (with its reason). */
    public record NoteResult(String noteId, String pageId, String outcome, String reason, String contentHash) {
    }
}
