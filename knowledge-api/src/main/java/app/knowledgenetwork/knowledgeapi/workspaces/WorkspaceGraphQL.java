package app.knowledgenetwork.knowledgeapi.workspaces;

import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.auth.Caller;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class WorkspaceGraphQL {
    private final Workspaces workspaces;
    private final Caller caller;

    public WorkspaceGraphQL(Workspaces workspaces, Caller caller) {
        this.workspaces = workspaces;
        this.caller = caller;
    }

    @Query
    @Description("A workspace the caller is a member of; any other id is NOT_FOUND.")
    public @NonNull WorkspaceView workspace(@NonNull @Id @Name("id") String id) {
        return workspaces.get(caller.userId(), Ids.parse(id, "Workspace"));
    }

    @Query
    @Description("The caller's workspaces. 'first' is 1..100 (default 20).")
    public @NonNull WorkspaceConnection workspaces(@Name("first") Integer first, @Name("after") String after) {
        return workspaces.list(caller.userId(), first, after);
    }

    @Description("Members of the workspace with their roles.")
    public @NonNull List<@NonNull MemberView> members(@Source WorkspaceView workspace) {
        return workspaces.members(caller.userId(), Ids.parse(workspace.id(), "Workspace"));
    }

    @Mutation
    @Description("Creates a workspace; the caller becomes its OWNER.")
    public @NonNull WorkspaceView createWorkspace(@NonNull @Name("name") String name) {
        return workspaces.create(caller.userId(), name);
    }

    @Mutation
    @Description("Renames a workspace (OWNER).")
    public @NonNull WorkspaceView renameWorkspace(@NonNull @Id @Name("id") String id, @NonNull @Name("name") String name) {
        return workspaces.rename(caller.userId(), Ids.parse(id, "Workspace"), name);
    }

    @Mutation
    @Description("Deletes a workspace with all its documents (OWNER).")
    public boolean deleteWorkspace(@NonNull @Id @Name("id") String id) {
        return workspaces.delete(caller.userId(), Ids.parse(id, "Workspace"));
    }

    @Mutation
    @Description("Adds an existing user, found by email, with a role (OWNER). An email nobody registered is NOT_FOUND; a caller gets 20 such answers an hour (then RATE_LIMITED), so the mutation cannot be used to test a list of addresses.")
    public @NonNull MemberView addMember(@NonNull @Id @Name("workspaceId") String workspaceId, @NonNull @Name("email") String email,
                                         @NonNull @Name("role") WorkspaceRole role) {
        return workspaces.addMember(caller.userId(), Ids.parse(workspaceId, "Workspace"), email, role);
    }

    @Mutation
    @Description("Changes a member's role (OWNER). The last owner cannot step down.")
    public @NonNull MemberView changeMemberRole(@NonNull @Id @Name("workspaceId") String workspaceId, @NonNull @Id @Name("userId") String userId,
                                                @NonNull @Name("role") WorkspaceRole role) {
        return workspaces.changeRole(caller.userId(), Ids.parse(workspaceId, "Workspace"), Ids.parse(userId, "Member"), role);
    }

    @Mutation
    @Description("Removes a member (OWNER), or leaves when userId is the caller. The last owner cannot leave.")
    public boolean removeMember(@NonNull @Id @Name("workspaceId") String workspaceId, @NonNull @Id @Name("userId") String userId) {
        return workspaces.removeMember(caller.userId(), Ids.parse(workspaceId, "Workspace"), Ids.parse(userId, "Member"));
    }
}
