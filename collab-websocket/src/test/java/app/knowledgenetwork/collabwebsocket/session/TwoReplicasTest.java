package app.knowledgenetwork.collabwebsocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.collabwebsocket.CollabClient;
import app.knowledgenetwork.collabwebsocket.CollabConfig;
import app.knowledgenetwork.collabwebsocket.CollabTestBase;
import app.knowledgenetwork.collabwebsocket.CollabTestResource;
import app.knowledgenetwork.collabwebsocket.Eventually;
import app.knowledgenetwork.collabwebsocket.TestTokens;
import app.knowledgenetwork.collabwebsocket.access.AccessTokens;
import app.knowledgenetwork.collabwebsocket.access.Memberships;
import app.knowledgenetwork.collabwebsocket.metrics.CollabMetrics;
import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import app.knowledgenetwork.collabwebsocket.saving.KnowledgeApiNotices;
import app.knowledgenetwork.collabwebsocket.saving.Saver;
import app.knowledgenetwork.collabwebsocket.saving.Snapshots;
import app.knowledgenetwork.collabwebsocket.sequencing.OpLog;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random concurrent edits from clients on two replicas of one document (the application and a second instance of its
 * session and sequencing layers on the same Redis) always converge on one text, which is also what is saved.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(CollabTestResource.class)
class TwoReplicasTest extends CollabTestBase {
    private static final String[] PIECES = {"a", "bc", "😀", "é", "𝄞x", " ", "\n", "[[x]]"};

    @Inject
    OpLog opLog;
    @Inject
    Snapshots snapshots;
    @Inject
    Saver saver;
    @Inject
    CollabMetrics metrics;
    @Inject
    CollabConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    ReactiveRedisDataSource reactive;
    @Inject
    KnowledgeApiNotices notices;
    @Inject
    AccessTokens tokens;
    @Inject
    Memberships memberships;

    private SecondReplica second;

    @BeforeEach
    void secondReplica() {
        second = new SecondReplica(opLog, snapshots, saver, metrics, config, json, reactive, notices, tokens, memberships);
    }

    @AfterEach
    void stopSecondReplica() {
        second.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomConcurrentEditsOnBothReplicasConverge(long seed) {
        Random random = new Random(seed);
        UUID doc = fixtures.document(workspace, owner, "Shared", "Start 👋\n");
        List<CollabClient> clients = new ArrayList<>();
        int perReplica = 1 + random.nextInt(3);
        for (int i = 0; i < perReplica; i++) {
            UUID editor = member("EDITOR");
            clients.add(join(doc, editor));
            clients.add(second.join(doc, TestTokens.valid(editor)));
        }
        int rounds = 20 + random.nextInt(30);
        for (int round = 0; round < rounds; round++) {
            for (CollabClient c : clients) {
                if (random.nextInt(3) > 0) {
                    randomEdit(c, random);
                }
            }
        }
        Eventually.holds("every client has its edits acknowledged and everyone else's", Duration.ofSeconds(20), () -> {
            long v = clients.getFirst().version();
            return clients.stream().allMatch(c -> c.settled() && c.version() == v);
        });
        String text = clients.getFirst().text();
        for (CollabClient c : clients) {
            assertEquals(text, c.text(), "seed " + seed);
        }
        CollabClient late = second.join(doc, TestTokens.valid(owner));
        assertEquals(text, late.text(), "a newcomer on the second replica gets the same text");
        Eventually.holds("the converged text is saved", Duration.ofSeconds(15), () -> text.equals(fixtures.row(doc).content()));
        clients.forEach(CollabClient::close);
    }

    @org.junit.jupiter.api.Test
    void clientsOfAReplicaThatDiesReconnectToTheOtherAndResubmitWithoutLossOrDoubles() {
        UUID doc = fixtures.document(workspace, owner, "Shared", "");
        CollabClient onFirst = join(doc, owner);
        CollabClient onSecond = second.join(doc, TestTokens.valid(owner));
        onFirst.edit(TextOperation.insert(0, "A"));
        Eventually.holds("A acknowledged and seen on the second replica", CollabClient.WAIT, () -> onFirst.settled() && "A".equals(onSecond.text()));
        String epoch = onSecond.epoch();
        long held = onSecond.version();
        // Sent, and the replica dies before its client learns whether it was sequenced.
        onSecond.send("type", "op", "v", held, "op", List.of(1, "B"), "src", "laptop", "seq", 1);
        second.close();
        onFirst.edit(TextOperation.insert(0, "C"));
        Eventually.holds("C acknowledged", CollabClient.WAIT, onFirst::settled);

        CollabClient back = connect(doc);
        back.send("type", "auth", "token", TestTokens.valid(owner), "epoch", epoch, "v", held);
        back.await("joined");
        back.send("type", "op", "v", held, "op", List.of(1, "B"), "src", "laptop", "seq", 1);
        back.await("ack");
        CollabClient check = join(doc, owner);
        assertEquals("CAB", check.text(), "B applied once, after A, with C kept");
        Eventually.holds("everyone converges", CollabClient.WAIT, () -> "CAB".equals(onFirst.text()));
        second = new SecondReplica(opLog, snapshots, saver, metrics, config, json, reactive, notices, tokens, memberships);
    }

    private static void randomEdit(CollabClient c, Random random) {
        String text = c.text();
        int length = text.codePointCount(0, text.length());
        if (length > 3 && random.nextInt(3) == 0) {
            int at = random.nextInt(length);
            c.edit(TextOperation.delete(at, 1 + random.nextInt(Math.min(4, length - at))));
        } else {
            c.edit(TextOperation.insert(random.nextInt(length + 1), PIECES[random.nextInt(PIECES.length)]));
        }
    }
}
