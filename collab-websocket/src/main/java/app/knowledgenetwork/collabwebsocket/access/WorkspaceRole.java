package app.knowledgenetwork.collabwebsocket.access;

/** A member's role in a workspace, as knowledge-api's workspace_member.role holds it. */
public enum WorkspaceRole {
    OWNER,
    EDITOR,
    COMMENTER,
    VIEWER;

    /** VIEWER and COMMENTER follow the document live but may not change its text. */
    public boolean mayEdit() {
        return this == OWNER || this == EDITOR;
    }
}
