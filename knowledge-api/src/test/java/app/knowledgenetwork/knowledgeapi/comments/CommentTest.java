package app.knowledgenetwork.knowledgeapi.comments;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.addMember;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.createId;
import static app.knowledgenetwork.knowledgeapi.documents.DocumentTest.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class CommentTest {
    static final String ADD = "mutation($d: ID!, $b: String!, $p: ID) { addComment(documentId: $d, body: $b, parentId: $p) { id parentId body author { id } } }";
    static final String THREADS = "query($d: ID!) { document(id: $d) { commentCount comments { edges { node { id body deleted resolved replies { body parentId } } } } } }";

    @Inject
    Comments comments;

    /**
     * Finding 11: the comment fields check the caller themselves. Reached through a parent that was (wrongly) handed
     * to a non-member, they still show nothing: called here as the resolvers call them, for a stranger and a member.
     */
    @Test
    void commentFieldsShowNothingToACallerWhoMayNotReadTheDocument() {
        Session owner = Gql.newUser("owner");
        Session viewer = Gql.newUser("viewer");
        Session stranger = Gql.newUser("stranger");
        String ws = workspace(owner);
        addMember(owner, ws, viewer, "VIEWER");
        String doc = createId(owner, ws, "Secret plan", "text");
        String thread = call(owner.accessToken(), ADD, "d", doc, "b", "Only for us", "p", null).getString("data.addComment.id");
        call(owner.accessToken(), ADD, "d", doc, "b", "Indeed", "p", thread);
        UUID docId = UUID.fromString(doc);

        UUID member = UUID.fromString(viewer.userId());
        assertEquals(List.of("Only for us"), comments.threads(member, docId, null, null).edges().stream().map(e -> e.node().body()).toList());
        assertEquals(List.of("Indeed"), comments.replies(member, List.of(thread)).get(thread).stream().map(CommentView::body).toList());
        assertEquals(2, comments.counts(member, List.of(doc)).get(doc));

        UUID outsider = UUID.fromString(stranger.userId());
        assertTrue(comments.threads(outsider, docId, null, null).edges().isEmpty(), "threads of a document the caller cannot read");
        assertTrue(comments.replies(outsider, List.of(thread)).get(thread).isEmpty(), "replies of a thread the caller cannot read");
        assertEquals(0, comments.counts(outsider, List.of(doc)).get(doc), "comment count of a document the caller cannot read");
    }

    @Test
    void threadsRepliesEditsDeletesAndResolutionFollowTheRoles() {
        Session owner = Gql.newUser("owner");
        Session commenter = Gql.newUser("commenter");
        Session viewer = Gql.newUser("viewer");
        Session stranger = Gql.newUser("stranger");
        String ws = workspace(owner);
        addMember(owner, ws, commenter, "COMMENTER");
        addMember(owner, ws, viewer, "VIEWER");
        String doc = createId(owner, ws, "Proposal", "text");

        String thread = call(commenter.accessToken(), ADD, "d", doc, "b", "Why this?", "p", null).getString("data.addComment.id");
        JsonPath reply = call(owner.accessToken(), ADD, "d", doc, "b", "Because.", "p", thread);
        assertEquals(thread, reply.getString("data.addComment.parentId"));
        // A reply to a reply joins the thread.
        String nested = reply.getString("data.addComment.id");
        assertEquals(thread, call(commenter.accessToken(), ADD, "d", doc, "b", "Ok!", "p", nested).getString("data.addComment.parentId"));

        assertEquals("FORBIDDEN", errorCode(call(viewer.accessToken(), ADD, "d", doc, "b", "me too", "p", null)));
        assertEquals("NOT_FOUND", errorCode(call(stranger.accessToken(), ADD, "d", doc, "b", "hi", "p", null)));
        assertEquals("BAD_USER_INPUT", errorCode(call(commenter.accessToken(), ADD, "d", doc, "b", "   ", "p", null)));

        String edit = "mutation($id: ID!, $b: String!) { editComment(id: $id, body: $b) { body } }";
        assertEquals("FORBIDDEN", errorCode(call(owner.accessToken(), edit, "id", thread, "b", "rewritten by owner")));
        assertEquals("Why this, exactly?", call(commenter.accessToken(), edit, "id", thread, "b", "Why this, exactly?").getString("data.editComment.body"));

        assertTrue(call(commenter.accessToken(), "mutation($id: ID!) { resolveComment(id: $id) { resolved } }", "id", thread).getBoolean("data.resolveComment.resolved"));
        assertEquals("BAD_USER_INPUT", errorCode(call(commenter.accessToken(), "mutation($id: ID!) { resolveComment(id: $id) { resolved } }", "id", nested)));

        JsonPath read = call(viewer.accessToken(), THREADS, "d", doc);
        assertNull(read.get("errors"), read.prettify());
        assertEquals(3, read.getInt("data.document.commentCount"));
        assertEquals(List.of("Why this, exactly?"), read.getList("data.document.comments.edges.node.body"));
        assertEquals(List.of("Because.", "Ok!"), read.getList("data.document.comments.edges[0].node.replies.body"));
        assertTrue(read.getBoolean("data.document.comments.edges[0].node.resolved"));
        assertTrue(call(owner.accessToken(), "mutation($id: ID!) { reopenComment(id: $id) { resolved } }", "id", thread).getString("data.reopenComment.resolved").equals("false"));

        // The owner may delete anyone's comment; the thread's replies stay.
        assertEquals("FORBIDDEN", errorCode(call(commenter.accessToken(), "mutation($id: ID!) { deleteComment(id: $id) }", "id", nested)));
        assertTrue(call(owner.accessToken(), "mutation($id: ID!) { deleteComment(id: $id) }", "id", thread).getBoolean("data.deleteComment"));
        JsonPath after = call(owner.accessToken(), THREADS, "d", doc);
        assertTrue(after.getBoolean("data.document.comments.edges[0].node.deleted"));
        assertNull(after.get("data.document.comments.edges[0].node.body"));
        assertEquals(2, after.getList("data.document.comments.edges[0].node.replies").size());
        assertEquals(2, after.getInt("data.document.commentCount"));
    }
}
