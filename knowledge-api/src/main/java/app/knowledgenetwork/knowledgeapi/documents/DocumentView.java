package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.auth.UserView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Document")
@Description("A Markdown document in a workspace's tree. [[Title]] and document ids in its content link to other documents.")
public record DocumentView(
        @Id @NonNull String id,
        @Id @NonNull String workspaceId,
        @Id @Description("The parent in the workspace tree; null for a root document.") String parentId,
        @NonNull String title,
        @NonNull @Description("Markdown.") String content,
        @NonNull List<@NonNull String> tags,
        @NonNull @Description("Increases with every change; pass it as expectedRevision when changing the document.") int revision,
        @NonNull DocumentStatus status,
        @NonNull UserView author,
        @NonNull UserView updatedBy,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt) {

    /** Needs author and updatedBy fetched (the queries join them), else each would cost a statement. */
    public static DocumentView of(Document d) {
        return new DocumentView(d.id.toString(), d.workspaceId.toString(), d.parentId == null ? null : d.parentId.toString(), d.title, d.content,
                List.of(d.tags), (int) d.revision, d.status(), UserView.of(d.author), UserView.of(d.updatedBy), d.createdAt, d.updatedAt);
    }
}
