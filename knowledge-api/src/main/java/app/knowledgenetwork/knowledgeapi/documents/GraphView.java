package app.knowledgenetwork.knowledgeapi.documents;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("KnowledgeGraph")
@Description("The linked neighbourhood of a document: documents as nodes, links as directed edges (source links to target).")
public record GraphView(@NonNull List<@NonNull Node> nodes, @NonNull List<@NonNull Edge> edges) {
    @Name("GraphNode")
    public record Node(@Id @NonNull String id, @NonNull String title, @NonNull @Description("Link distance from the root.") int depth) {
    }

    @Name("GraphEdge")
    public record Edge(@Id @NonNull String source, @Id @NonNull String target) {
    }
}
