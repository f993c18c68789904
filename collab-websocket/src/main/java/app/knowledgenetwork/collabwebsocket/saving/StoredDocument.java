package app.knowledgenetwork.collabwebsocket.saving;

import java.util.UUID;

/** A document's row in PostgreSQL, as a save needs it. */
public record StoredDocument(UUID id, UUID workspaceId, UUID parentId, String title, String content, String[] tags, long revision,
                             boolean archived, boolean trashed, UUID updatedBy) {
}
