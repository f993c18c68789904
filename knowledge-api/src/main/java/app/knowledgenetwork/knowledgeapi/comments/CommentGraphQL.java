package app.knowledgenetwork.knowledgeapi.comments;

import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.auth.Caller;
import app.knowledgenetwork.knowledgeapi.comments.CommentView.CommentConnection;
import app.knowledgenetwork.knowledgeapi.documents.DocumentView;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class CommentGraphQL {
    private final Comments comments;
    private final Caller caller;

    public CommentGraphQL(Comments comments, Caller caller) {
        this.comments = comments;
        this.caller = caller;
    }

    @Description("Comment threads on this document, oldest first. 'first' is 1..100 (default 20).")
    public @NonNull CommentConnection comments(@Source DocumentView document, @Name("first") Integer first, @Name("after") String after) {
        return comments.threads(caller.userId(), Ids.parse(document.id(), "Document"), first, after);
    }

    @Description("Number of comments (not deleted) on the document; batched for a whole page of documents.")
    public List<@NonNull Integer> commentCount(@Source List<DocumentView> documents) {
        Map<String, Integer> counts = comments.counts(caller.userId(), documents.stream().map(DocumentView::id).toList());
        return documents.stream().map(d -> counts.get(d.id())).toList();
    }

    @Description("Replies in this thread, oldest first; batched for a whole page of threads.")
    public List<@NonNull List<@NonNull CommentView>> replies(@Source List<CommentView> threads) {
        Map<String, List<CommentView>> replies = comments.replies(caller.userId(), threads.stream().map(CommentView::id).toList());
        return threads.stream().map(t -> replies.get(t.id())).toList();
    }

    @Mutation
    @Description("Comments on a document (COMMENTER), or replies to a thread when parentId is given.")
    public @NonNull CommentView addComment(@NonNull @Id @Name("documentId") String documentId, @NonNull @Name("body") String body,
                                           @Id @Name("parentId") String parentId) {
        return comments.add(caller.userId(), Ids.parse(documentId, "Document"), body, parentId == null ? null : Ids.parse(parentId, "Comment"));
    }

    @Mutation
    @Description("Changes the text of one's own comment.")
    public @NonNull CommentView editComment(@NonNull @Id @Name("id") String id, @NonNull @Name("body") String body) {
        return comments.edit(caller.userId(), Ids.parse(id, "Comment"), body);
    }

    @Mutation
    @Description("Deletes one's own comment (an OWNER may delete any); replies stay.")
    public boolean deleteComment(@NonNull @Id @Name("id") String id) {
        return comments.delete(caller.userId(), Ids.parse(id, "Comment"));
    }

    @Mutation
    @Description("Marks a thread resolved (COMMENTER).")
    public @NonNull CommentView resolveComment(@NonNull @Id @Name("id") String id) {
        return comments.setResolved(caller.userId(), Ids.parse(id, "Comment"), true);
    }

    @Mutation
    @Description("Reopens a resolved thread (COMMENTER).")
    public @NonNull CommentView reopenComment(@NonNull @Id @Name("id") String id) {
        return comments.setResolved(caller.userId(), Ids.parse(id, "Comment"), false);
    }
}
