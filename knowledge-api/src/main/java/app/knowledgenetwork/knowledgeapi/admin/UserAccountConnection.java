package app.knowledgenetwork.knowledgeapi.admin;

import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of user accounts, oldest first.")
public record UserAccountConnection(@NonNull List<@NonNull UserAccountEdge> edges, @NonNull PageInfo pageInfo) {
    @Description("One user account, with its cursor.")
    public record UserAccountEdge(@NonNull String cursor, @NonNull UserAccountView node) {
    }
}
