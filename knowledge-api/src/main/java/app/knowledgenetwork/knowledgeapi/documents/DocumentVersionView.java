package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.auth.UserView;
import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("DocumentVersion")
@Description("The document as it was saved at one revision.")
public record DocumentVersionView(@NonNull int revision, @NonNull String title, @NonNull String content, @NonNull List<@NonNull String> tags,
                                  @NonNull UserView author, @NonNull Instant createdAt) {

    @Description("A page of versions, newest first.")
    public record DocumentVersionConnection(@NonNull List<@NonNull DocumentVersionEdge> edges, @NonNull PageInfo pageInfo) {
    }

    public record DocumentVersionEdge(@NonNull String cursor, @NonNull DocumentVersionView node) {
    }
}
