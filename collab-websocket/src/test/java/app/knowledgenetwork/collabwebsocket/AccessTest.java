package app.knowledgenetwork.collabwebsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may join a document, who may edit it, and who is put out when their rights end. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(CollabTestResource.class)
class AccessTest extends CollabTestBase {

    @Test
    void aFirstMessageWithoutATokenIsRefusedWith4401() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        CollabClient c = connect(doc);
        c.send("type", "auth");
        assertEquals(4401, c.closeCode());
    }

    @Test
    void anOperationBeforeAuthIsRefusedWith4401() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        CollabClient c = connect(doc);
        c.send("type", "op", "v", 0, "op", List.of("x"), "src", "s", "seq", 1);
        assertEquals(4401, c.closeCode());
    }

    @Test
    void tokensSignedByAnotherKeyFromAnotherIssuerForAnotherAudienceOrExpiredAreRefusedWith4401() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        for (String token : List.of(TestTokens.signedByAnotherKey(owner), TestTokens.fromAnotherIssuer(owner), TestTokens.forAnotherAudience(owner),
                TestTokens.expired(owner), "not.a.jwt")) {
            CollabClient c = connect(doc);
            c.send("type", "auth", "token", token);
            assertEquals(4401, c.closeCode(), token);
        }
    }

    @Test
    void aStrangerCannotJoin() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        CollabClient c = connect(doc);
        c.send("type", "auth", "token", TestTokens.valid(fixtures.user("Stranger")));
        assertEquals(4403, c.closeCode());
    }

    @Test
    void anUnknownDocumentIsRefusedWith4404() {
        CollabClient c = connect(UUID.randomUUID());
        c.send("type", "auth", "token", TestTokens.valid(owner));
        assertEquals(4404, c.closeCode());
    }

    @Test
    void aViewerFollowsTheTextButItsEditsAreRefused() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        CollabClient viewer = join(doc, member("VIEWER"));
        JsonNode joined = viewer.all("joined").getFirst();
        assertEquals("VIEWER", joined.get("role").asText());
        assertFalse(joined.get("canEdit").asBoolean());
        assertEquals("hello", joined.get("snapshot").asText());

        viewer.send("type", "op", "v", joined.get("v").asLong(), "op", List.of("mine "), "src", "viewer", "seq", 1);
        assertEquals("READ_ONLY", viewer.await("error").get("code").asText());

        CollabClient editor = join(doc, member("EDITOR"));
        editor.edit(TextOperation.insert(5, " world"));
        viewer.await("op");
        assertEquals("hello world", viewer.text());
    }

    @Test
    void aCommenterMayNotEditEither() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        CollabClient commenter = join(doc, member("COMMENTER"));
        commenter.send("type", "op", "v", commenter.version(), "op", List.of("x"), "src", "commenter", "seq", 1);
        assertEquals("READ_ONLY", commenter.await("error").get("code").asText());
    }

    @Test
    void aRemovedMemberIsDisconnectedWithinSeconds() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        UUID editor = member("EDITOR");
        CollabClient c = join(doc, editor);
        CollabClient stays = join(doc, owner);
        fixtures.removeMember(workspace, editor);
        assertEquals(4403, c.closeCode());
        assertFalse(stays.isClosed());
    }

    @Test
    void aTokenThatExpiresMidSessionClosesTheSocket() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        CollabClient c = track(doc, TestTokens.expiringIn(owner, Duration.ofSeconds(2)));
        assertEquals(4401, c.closeCode());
    }

    @Test
    void aFreshTokenKeepsTheSessionOpen() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        CollabClient c = track(doc, TestTokens.expiringIn(owner, Duration.ofSeconds(3)));
        c.send("type", "auth", "token", TestTokens.valid(owner));
        c.await("authenticated");
        Eventually.holds("the first token's expiry passes", Duration.ofSeconds(10),
                () -> expiredBy(c, 4) && !c.all("pong").isEmpty());
        assertFalse(c.isClosed());
    }

    @Test
    void trashingTheDocumentClosesItsSockets() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        CollabClient c = join(doc, owner);
        fixtures.trash(doc, workspace);
        assertEquals(4404, c.closeCode());
        CollabClient late = connect(doc);
        late.send("type", "auth", "token", TestTokens.valid(owner));
        assertEquals(4404, late.closeCode());
    }

    @Test
    void aMessageThatIsNotJsonIsAnsweredWithAnError() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "hello");
        CollabClient c = join(doc, owner);
        c.sendRaw("{not json");
        assertEquals("BAD_MESSAGE", c.await("error").get("code").asText());
        c.send("type", "op", "v", 0, "op", List.of(99, "x"), "src", "s", "seq", 1);
        assertEquals("INVALID_OP", c.await("error").get("code").asText());
        assertTrue(!c.isClosed());
    }

    private final long started = System.nanoTime();

    /** Whether {@code seconds} have passed since the test began, pinging meanwhile to see the socket stays open. */
    private boolean expiredBy(CollabClient c, int seconds) {
        c.send("type", "ping");
        return System.nanoTime() - started > Duration.ofSeconds(seconds).toNanos();
    }

    private CollabClient track(UUID doc, String token) {
        CollabClient c = connect(doc);
        c.send("type", "auth", "token", token);
        c.await("joined");
        return c;
    }
}
