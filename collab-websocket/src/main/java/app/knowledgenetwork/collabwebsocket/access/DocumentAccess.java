package app.knowledgenetwork.collabwebsocket.access;

import java.util.UUID;

/**
 * What PostgreSQL says about a caller and a document: whether the document exists and is usable, the caller's role
 * in its workspace (null: not a member) and name.
 */
public record DocumentAccess(boolean exists, boolean trashed, boolean archived, UUID workspaceId, long revision, WorkspaceRole role,
                             boolean userDisabled, String displayName) {

    public static DocumentAccess missing() {
        return new DocumentAccess(false, false, false, null, 0, null, false, null);
    }

    /** Whether the caller may take part at all (see {@link app.knowledgenetwork.collabwebsocket.protocol.CloseCode}). */
    public boolean readable() {
        return exists && !trashed && role != null && !userDisabled;
    }

    public boolean mayEdit() {
        return readable() && !archived && role.mayEdit();
    }
}
