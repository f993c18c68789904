package app.knowledgenetwork.knowledgeapi.documents;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("WorkspaceGraph")
@Description("A whole workspace's knowledge network: its documents (not in the trash) as nodes, the links between them as directed edges (source links to target).")
public record WorkspaceGraphView(@NonNull List<@NonNull Node> nodes, @NonNull List<GraphView.@NonNull Edge> edges,
                                 @NonNull @Description("Documents in the workspace outside the trash; more than the nodes when 'first' left some out.") int documentCount) {
    @Name("WorkspaceGraphNode")
    public record Node(@Id @NonNull String id, @NonNull String title,
                       @NonNull @Description("Links from and to this document within the workspace.") int links) {
    }
}
