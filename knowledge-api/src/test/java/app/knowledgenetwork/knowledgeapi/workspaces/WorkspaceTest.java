package app.knowledgenetwork.knowledgeapi.workspaces;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Gql.Session;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class WorkspaceTest {
    static final String CREATE = "mutation($n: String!) { createWorkspace(name: $n) { id name myRole } }";
    static final String ADD = "mutation($w: ID!, $e: String!, $r: WorkspaceRole!) { addMember(workspaceId: $w, email: $e, role: $r) { user { id } role } }";
    static final String GET = "query($id: ID!) { workspace(id: $id) { id name myRole members { user { email } role } } }";

    static String createWorkspace(Session owner, String name) {
        return call(owner.accessToken(), CREATE, "n", name).getString("data.createWorkspace.id");
    }

    @Test
    void ownerCreatesRenamesAndDeletesAndStrangersSeeNotFound() {
        Session owner = Gql.newUser("owner");
        Session stranger = Gql.newUser("stranger");
        JsonPath created = call(owner.accessToken(), CREATE, "n", "  Research ");
        assertEquals("Research", created.getString("data.createWorkspace.name"));
        assertEquals("OWNER", created.getString("data.createWorkspace.myRole"));
        String id = created.getString("data.createWorkspace.id");

        JsonPath hidden = call(stranger.accessToken(), GET, "id", id);
        JsonPath missing = call(stranger.accessToken(), GET, "id", UUID.randomUUID().toString());
        assertEquals("NOT_FOUND", errorCode(hidden));
        assertEquals(hidden.getString("errors[0].message"), missing.getString("errors[0].message"));
        assertEquals("NOT_FOUND", errorCode(call(stranger.accessToken(), "mutation($id: ID!) { renameWorkspace(id: $id, name: \"x\") { id } }", "id", id)));

        assertEquals("Papers", call(owner.accessToken(), "mutation($id: ID!) { renameWorkspace(id: $id, name: \"Papers\") { name } }", "id", id)
                .getString("data.renameWorkspace.name"));
        assertEquals("BAD_USER_INPUT", errorCode(call(owner.accessToken(), "mutation($id: ID!) { renameWorkspace(id: $id, name: \"  \") { name } }", "id", id)));
        assertTrue(call(owner.accessToken(), "mutation($id: ID!) { deleteWorkspace(id: $id) }", "id", id).getBoolean("data.deleteWorkspace"));
        assertEquals("NOT_FOUND", errorCode(call(owner.accessToken(), GET, "id", id)));
    }

    @Test
    void membersAreAddedByEmailWithRolesThatAreEnforced() {
        Session owner = Gql.newUser("owner");
        Session viewer = Gql.newUser("viewer");
        String ws = createWorkspace(owner, "Team");

        assertEquals("VIEWER", call(owner.accessToken(), ADD, "w", ws, "e", " " + viewer.email().toUpperCase(), "r", "VIEWER").getString("data.addMember.role"));
        assertEquals("CONFLICT", errorCode(call(owner.accessToken(), ADD, "w", ws, "e", viewer.email(), "r", "EDITOR")));
        assertEquals("NOT_FOUND", errorCode(call(owner.accessToken(), ADD, "w", ws, "e", "ghost-" + UUID.randomUUID() + "@example.org", "r", "EDITOR")));

        JsonPath seen = call(viewer.accessToken(), GET, "id", ws);
        assertEquals("VIEWER", seen.getString("data.workspace.myRole"));
        assertEquals(2, seen.getList("data.workspace.members").size());

        // A viewer can see the workspace but may not manage it.
        Session other = Gql.newUser("other");
        assertEquals("FORBIDDEN", errorCode(call(viewer.accessToken(), ADD, "w", ws, "e", other.email(), "r", "VIEWER")));
        assertEquals("FORBIDDEN", errorCode(call(viewer.accessToken(), "mutation($id: ID!) { renameWorkspace(id: $id, name: \"mine\") { id } }", "id", ws)));
        assertEquals("FORBIDDEN", errorCode(call(viewer.accessToken(), "mutation($id: ID!) { deleteWorkspace(id: $id) }", "id", ws)));

        call(owner.accessToken(), "mutation($w: ID!, $u: ID!) { changeMemberRole(workspaceId: $w, userId: $u, role: OWNER) { role } }", "w", ws, "u", viewer.userId());
        assertEquals("OWNER", call(viewer.accessToken(), GET, "id", ws).getString("data.workspace.myRole"));
    }

    @Test
    void theLastOwnerCannotLeaveOrStepDown() {
        Session owner = Gql.newUser("owner");
        Session editor = Gql.newUser("editor");
        String ws = createWorkspace(owner, "Solo");
        call(owner.accessToken(), ADD, "w", ws, "e", editor.email(), "r", "EDITOR");

        String remove = "mutation($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }";
        JsonPath leave = call(owner.accessToken(), remove, "w", ws, "u", owner.userId());
        assertEquals("CONFLICT", errorCode(leave));
        assertTrue(leave.getString("errors[0].message").contains("last owner"));
        assertEquals("CONFLICT", errorCode(call(owner.accessToken(),
                "mutation($w: ID!, $u: ID!) { changeMemberRole(workspaceId: $w, userId: $u, role: EDITOR) { role } }", "w", ws, "u", owner.userId())));

        // A non-owner may leave by themself, and then the workspace is gone for them.
        assertTrue(call(editor.accessToken(), remove, "w", ws, "u", editor.userId()).getBoolean("data.removeMember"));
        assertEquals("NOT_FOUND", errorCode(call(editor.accessToken(), GET, "id", ws)));
    }

    @Test
    void workspacesArePagedWithOpaqueCursors() {
        Session user = Gql.newUser("pager");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(createWorkspace(user, "W" + i));
        }
        String page = "query($after: String) { workspaces(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            JsonPath r = call(user.accessToken(), page, "after", after);
            List<String> ids = r.getList("data.workspaces.edges.node.id");
            assertTrue(ids.size() <= 2);
            ids.forEach(id -> assertTrue(seen.add(id), "no workspace twice"));
            after = r.getBoolean("data.workspaces.pageInfo.hasNextPage") ? r.getString("data.workspaces.pageInfo.endCursor") : null;
            pages++;
        } while (after != null);
        assertEquals(created, seen);
        assertEquals(3, pages);
        assertFalse(seen.isEmpty());

        assertEquals("BAD_USER_INPUT", errorCode(call(user.accessToken(), "{ workspaces(first: 1000) { edges { cursor } } }")));
        assertEquals("BAD_USER_INPUT", errorCode(call(user.accessToken(), "{ workspaces(after: \"garbage\") { edges { cursor } } }")));
        assertNull(call(user.accessToken(), "{ workspaces(first: 1) { edges { cursor } } }").get("errors"));
    }
}
