package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of documents, oldest first.")
public record DocumentConnection(@NonNull List<@NonNull DocumentEdge> edges, @NonNull PageInfo pageInfo) {
    public record DocumentEdge(@NonNull String cursor, @NonNull DocumentView node) {
    }
}
