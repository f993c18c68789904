package app.knowledgenetwork.knowledgeapi.comments;

import app.knowledgenetwork.knowledgeapi.auth.UserView;
import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Comment")
@Description("A comment on a document; top-level comments start threads, replies have a parentId.")
public record CommentView(@Id @NonNull String id, @Id @NonNull String documentId, @Id String parentId, @NonNull UserView author,
                          @Description("Null once deleted.") String body, @NonNull boolean deleted, @NonNull boolean resolved,
                          @NonNull Instant createdAt, @NonNull Instant updatedAt) {

    @Description("A page of comment threads, oldest first.")
    public record CommentConnection(@NonNull List<@NonNull CommentEdge> edges, @NonNull PageInfo pageInfo) {
    }

    public record CommentEdge(@NonNull String cursor, @NonNull CommentView node) {
    }
}
