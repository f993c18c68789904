package app.knowledgenetwork.collabwebsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import app.knowledgenetwork.testsupport.ManagementInterface;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The limits that protect a replica: clients per document, and clients too slow to read. */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(CollabTestResource.class)
class LimitsTest extends CollabTestBase {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kn.collab.max-clients-per-document", "2", "kn.collab.max-pending-bytes", "1048576");
        }
    }

    @Test
    void aDocumentTakesNoMoreClientsThanAllowed() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "abc");
        join(doc, owner);
        join(doc, owner);
        CollabClient third = connect(doc);
        third.send("type", "auth", "token", TestTokens.valid(owner));
        assertEquals(4429, third.closeCode());
    }

    @Test
    void aClientThatDoesNotReadIsDisconnectedInsteadOfBufferedWithoutBound() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "");
        CollabClient writer = join(doc, owner);
        CollabClient slow = join(doc, owner);
        slow.pauseReading();
        String block = "x".repeat(200_000);
        for (int i = 0; i < 100 && writer.all("leave").isEmpty(); i++) {
            writer.edit(TextOperation.insert(0, block));
            writer.edit(TextOperation.delete(0, block.length()));
            Eventually.holds("the writer's edits acknowledged", CollabClient.WAIT, writer::settled);
        }
        // The slow client cannot read its close frame (it reads nothing): the others see it leave.
        assertEquals(slow.all("joined").getFirst().get("client").asText(), writer.await("leave").get("client").asText());
        Eventually.holds("only the writer's session is active", CollabClient.WAIT, () -> ManagementInterface.metric("kn_collab_sessions_active") == 1.0);
        assertEquals(1.0, ManagementInterface.metric("kn_collab_operations_rejected_total", "reason=\"slow_consumer\""));
        assertFalse(writer.isClosed(), "the client that reads stays");
    }
}
