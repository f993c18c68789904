package app.knowledgenetwork.knowledgeapi.workspaces;

import app.knowledgenetwork.knowledgeapi.auth.UserView;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Member")
@Description("A user's membership of a workspace.")
public record MemberView(@NonNull UserView user, @NonNull WorkspaceRole role) {
}
