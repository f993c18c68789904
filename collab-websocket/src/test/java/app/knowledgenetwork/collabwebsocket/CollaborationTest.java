package app.knowledgenetwork.collabwebsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import app.knowledgenetwork.testsupport.ManagementInterface;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Editing together: convergence, acknowledgements, resubmission, catching up, saving and merging GraphQL changes. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(CollabTestResource.class)
class CollaborationTest extends CollabTestBase {

    @Test
    void twoClientsEditingAtOnceConvergeOnTheSameText() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "Hello 👋 world");
        CollabClient a = join(doc, owner);
        CollabClient b = join(doc, member("EDITOR"));
        Random random = new Random(11);
        for (int i = 0; i < 60; i++) {
            randomEdit(a, random);
            randomEdit(b, random);
        }
        Eventually.holds("both clients have every edit acknowledged and the same version", CollabClient.WAIT,
                () -> a.settled() && b.settled() && a.version() == b.version());
        assertEquals(a.text(), b.text());
        CollabClient c = join(doc, owner);
        assertEquals(a.text(), c.text(), "a newcomer gets the same text");
    }

    @Test
    void anEditIsAcknowledgedToItsSenderAndSentToTheOthers() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "abc");
        CollabClient a = join(doc, owner);
        CollabClient b = join(doc, owner);
        a.send("type", "op", "v", a.version(), "op", List.of(3, "d"), "src", "a", "seq", 1);
        JsonNode ack = a.await("ack");
        assertEquals(1, ack.get("seq").asLong());
        JsonNode op = b.await("op");
        assertEquals(ack.get("v").asLong(), op.get("v").asLong());
        assertEquals("a", op.get("src").asText());
        assertEquals(owner.toString(), op.get("user").asText());
        assertEquals(0, a.all("op").size(), "the sender gets an ack, not its own operation");
    }

    @Test
    void anEditLongerThanOneWebSocketFrameReachesTheOthersIntact() {
        // Broadcasts are written as pre-encoded frames: one longer than a frame (64 KiB) goes in fragments, split
        // inside astral characters' UTF-8 bytes, which the receiver's WebSocket joins before decoding.
        UUID doc = fixtures.document(workspace, owner, "Plan", "");
        CollabClient a = join(doc, owner);
        CollabClient b = join(doc, owner);
        String text = "a😀".repeat(30_000);
        a.edit(TextOperation.insert(0, text));
        Eventually.holds("the edit acknowledged and received", CollabClient.WAIT, () -> a.settled() && b.version() == a.version());
        assertEquals(text, b.text());
        assertFalse(b.isClosed(), "the receiver stays connected");
    }

    @Test
    void aResubmissionAfterAReconnectIsAcknowledgedAndAppliedOnce() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "abc");
        CollabClient first = join(doc, owner);
        long v = first.version();
        first.send("type", "op", "v", v, "op", List.of(3, "!"), "src", "phone", "seq", 7);
        long sequenced = first.await("ack").get("v").asLong();
        first.close();

        CollabClient again = join(doc, owner);
        again.send("type", "op", "v", v, "op", List.of(3, "!"), "src", "phone", "seq", 7);
        assertEquals(sequenced, again.await("ack").get("v").asLong());
        CollabClient check = join(doc, owner);
        assertEquals("abc!", check.text());
        assertEquals(sequenced + 1, check.version());
    }

    @Test
    void joiningWithTheLastKnownVersionGivesTheOperationsSinceInsteadOfTheText() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "abc");
        CollabClient a = join(doc, owner);
        String epoch = a.epoch();
        long held = a.version();
        a.close();
        CollabClient b = join(doc, owner);
        for (String digit : List.of("1", "2", "3")) {
            b.edit(TextOperation.insert(0, digit));
            Eventually.holds("b's edit acknowledged", CollabClient.WAIT, b::settled);
        }

        CollabClient back = connect(doc);
        back.send("type", "auth", "token", TestTokens.valid(owner), "epoch", epoch, "v", held);
        JsonNode joined = back.await("joined");
        assertFalse(joined.has("snapshot"));
        assertEquals(3, joined.get("ops").size());
        assertEquals(held, joined.get("ops").get(0).get("v").asLong());
        assertEquals(held + 3, joined.get("v").asLong());

        CollabClient stranger = connect(doc);
        stranger.send("type", "auth", "token", TestTokens.valid(owner), "epoch", "another-epoch", "v", held);
        assertEquals("321abc", stranger.await("joined").get("snapshot").asText(), "another epoch's version gets the text");
    }

    @ConfigProperty(name = "kn.collab.document-versions-kept")
    int versionsKept;

    /** Live saves come every few seconds while people type: each deletes the versions beyond the kept number. */
    @Test
    void aLiveSaveKeepsOnlyTheLatestVersions() {
        UUID doc = fixtures.document(workspace, owner, "Busy", "text");
        long revision = versionsKept + 50L;
        fixtures.query("""
                WITH more AS (INSERT INTO document_version (document_id, revision, title, content, tags, author_id, created_at)
                              SELECT id, r, title, content, tags, updated_by, now() FROM document, generate_series(2, ?) r WHERE id = ?
                              RETURNING 1)
                SELECT count(*) FROM more""", revision, doc);
        fixtures.query("UPDATE document SET revision = ? WHERE id = ? RETURNING revision", revision, doc);

        join(doc, owner).edit(TextOperation.insert(4, "!"));
        Eventually.holds("saved", Duration.ofSeconds(10), () -> fixtures.row(doc).revision() == revision + 1);
        assertEquals(List.of(versionsKept + "|" + (revision + 2 - versionsKept) + "|" + (revision + 1)),
                fixtures.query("SELECT count(*), min(revision), max(revision) FROM document_version WHERE document_id = ?", doc));
    }

    @Test
    void editsAreSavedIntoTheDocumentWithANewRevisionVersionLinksAndAnOutboxEvent() {
        UUID target = fixtures.document(workspace, owner, "Roadmap", "the plan");
        UUID doc = fixtures.document(workspace, owner, "Plan", "See ");
        UUID editor = member("EDITOR");
        CollabClient c = join(doc, editor);
        c.edit(TextOperation.insert(4, "[[roadmap]]"));
        Eventually.holds("the row has the new text", Duration.ofSeconds(10), () -> "See [[roadmap]]".equals(fixtures.row(doc).content()));
        assertEquals(2, fixtures.row(doc).revision());
        assertEquals(List.of("2|See [[roadmap]]|" + editor), fixtures.query("SELECT revision, content, author_id FROM document_version WHERE document_id = ? AND revision = 2", doc));
        assertEquals(List.of(target.toString()), fixtures.query("SELECT target_id FROM document_link WHERE source_id = ?", doc));
        List<String> events = fixtures.query("SELECT event_type, revision, payload->>'updatedBy' FROM outbox_event WHERE aggregate_id = ?", doc);
        assertEquals(List.of("DocumentUpdated|2|" + editor), events);
    }

    @Test
    void aGraphQLUpdateWhileEditingIsMergedNotOverwritten() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "Hello");
        CollabClient a = join(doc, owner);
        CollabClient b = join(doc, owner);
        Eventually.holds("the live state exists", CollabClient.WAIT, () -> a.version() >= 0);
        a.edit(TextOperation.insert(5, " world"));
        Eventually.holds("a's edit acknowledged", CollabClient.WAIT, a::settled);
        // Someone saves through GraphQL from the revision they read (still "Hello": the live edit may not be saved yet).
        String content = fixtures.row(doc).content();
        fixtures.updateThroughGraphQL(doc, workspace, owner, "Title: " + content);
        Eventually.holds("the GraphQL change reaches both editors", Duration.ofSeconds(10),
                () -> "Title: Hello world".equals(a.text()) && "Title: Hello world".equals(b.text()));
        Eventually.holds("the merged text is saved", Duration.ofSeconds(10), () -> "Title: Hello world".equals(fixtures.row(doc).content()));
    }

    @Test
    void whilePostgresRefusesSavesEditingGoesOnAndTheSaveLandsOnceItIsBack() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "abc");
        CollabClient a = join(doc, owner);
        double refusedBefore = ManagementInterface.metric("kn_collab_saves_total", "result=\"database_unavailable\"");
        fixtures.execute("ALTER TABLE outbox_event RENAME TO outbox_event_away");
        try {
            a.edit(TextOperation.insert(3, "d"));
            Eventually.holds("the edit is acknowledged", CollabClient.WAIT, a::settled);
            Eventually.holds("a save was refused", Duration.ofSeconds(10),
                    () -> ManagementInterface.metric("kn_collab_saves_total", "result=\"database_unavailable\"") > refusedBefore);
            a.edit(TextOperation.insert(4, "e"));
            Eventually.holds("editing goes on", CollabClient.WAIT, a::settled);
            assertEquals("abc", fixtures.row(doc).content());
        } finally {
            fixtures.execute("ALTER TABLE outbox_event_away RENAME TO outbox_event");
        }
        Eventually.holds("the retried save lands", Duration.ofSeconds(10), () -> "abcde".equals(fixtures.row(doc).content()));
        assertEquals(2, fixtures.row(doc).revision());
    }

    @Test
    void operationsBeyondTheRateAreRefusedAndTheRestApplied() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "");
        CollabClient a = join(doc, owner);
        int sent = 300;
        for (int seq = 1; seq <= sent; seq++) {
            a.send("type", "op", "v", 0, "op", List.of("x"), "src", "burst", "seq", seq);
        }
        Eventually.holds("every operation is answered", CollabClient.WAIT, () -> a.all("ack").size() + a.all("error").size() == sent);
        long limited = a.all("error").stream().filter(e -> "RATE_LIMITED".equals(e.get("code").asText())).count();
        assertTrue(limited > 0 && limited == a.all("error").size(), "refused: " + limited);
        CollabClient check = join(doc, owner);
        assertEquals(a.all("ack").size(), check.text().length(), "each acknowledged operation applied once");
    }

    @Test
    void presenceIsRelayedWithTheSelectionMovedThroughEdits() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "abcdef");
        CollabClient a = join(doc, owner);
        CollabClient b = join(doc, member("VIEWER"));
        b.send("type", "presence", "v", b.version(), "selection", Map.of("anchor", 2, "head", 4), "name", "Bea");
        JsonNode seen = a.await("presence", m -> "Bea".equals(m.path("name").asText()));
        assertEquals(2, seen.get("selection").get("anchor").asInt());
        a.edit(TextOperation.insert(0, "XY"));
        Eventually.holds("a's edit acknowledged", CollabClient.WAIT, a::settled);
        CollabClient c = join(doc, owner);
        JsonNode joined = c.all("joined").getFirst();
        JsonNode bea = null;
        for (JsonNode p : joined.get("presence")) {
            if ("Bea".equals(p.path("name").asText())) {
                bea = p;
            }
        }
        assertTrue(bea != null, "a newcomer sees who is here: " + joined.get("presence"));
        assertEquals(4, bea.get("selection").get("anchor").asInt());
        assertEquals(6, bea.get("selection").get("head").asInt());
        b.close();
        a.await("leave");
    }

    @Test
    void theDashboardsMetricsAreServed() {
        UUID doc = fixtures.document(workspace, owner, "Plan", "abc");
        CollabClient a = join(doc, owner);
        a.edit(TextOperation.insert(0, "x"));
        Eventually.holds("acknowledged", CollabClient.WAIT, a::settled);
        assertTrue(ManagementInterface.metric("kn_collab_sessions_active") >= 1);
        assertTrue(ManagementInterface.metric("kn_collab_connections_open") >= 1);
        assertTrue(ManagementInterface.metric("kn_collab_documents_active") >= 1);
        assertTrue(ManagementInterface.metric("kn_collab_operations_total") >= 1);
        assertTrue(ManagementInterface.metric("kn_collab_broadcast_latency_seconds_count") >= 1);
    }

    private static void randomEdit(CollabClient c, Random random) {
        String text = c.text();
        int length = text.codePointCount(0, text.length());
        if (length > 3 && random.nextInt(3) == 0) {
            int at = random.nextInt(length);
            c.edit(TextOperation.delete(at, 1 + random.nextInt(Math.min(3, length - at))));
        } else {
            String[] pieces = {"a", "bc", "😀", "é", "𝄞x", " "};
            c.edit(TextOperation.insert(random.nextInt(length + 1), pieces[random.nextInt(pieces.length)]));
        }
    }
}
