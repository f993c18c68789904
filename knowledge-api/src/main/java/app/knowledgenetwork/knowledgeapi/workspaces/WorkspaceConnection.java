package app.knowledgenetwork.knowledgeapi.workspaces;

import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of the caller's workspaces, oldest membership first.")
public record WorkspaceConnection(@NonNull List<@NonNull WorkspaceEdge> edges, @NonNull PageInfo pageInfo) {
    public record WorkspaceEdge(@NonNull String cursor, @NonNull WorkspaceView node) {
    }
}
