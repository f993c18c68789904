package app.knowledgenetwork.knowledgeapi.documents;

import java.util.UUID;

/**
 * Fired inside the transaction that changes a document. Once that transaction has committed, the document's cache
 * entry goes and every replica's subscribers hear of it; a rolled-back change is never announced.
 */
public record DocumentChanged(UUID id, UUID workspaceId, String type, long revision) {
    /** The document is gone for good: subscriptions to it complete. */
    public static final String PURGED = "DocumentPurged";
    /** Its parent was purged, so it became a root document (no new revision). */
    public static final String PARENT_PURGED = "ParentPurged";
}
