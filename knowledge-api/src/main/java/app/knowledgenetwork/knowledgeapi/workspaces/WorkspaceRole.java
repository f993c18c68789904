package app.knowledgenetwork.knowledgeapi.workspaces;

import org.eclipse.microprofile.graphql.Description;

@Description("A member's role in a workspace, from most to least powerful: OWNER manages members and the workspace, EDITOR changes documents, COMMENTER comments, VIEWER reads.")
public enum WorkspaceRole {
    OWNER, EDITOR, COMMENTER, VIEWER;

    public boolean atLeast(WorkspaceRole required) {
        return ordinal() <= required.ordinal();
    }
}
