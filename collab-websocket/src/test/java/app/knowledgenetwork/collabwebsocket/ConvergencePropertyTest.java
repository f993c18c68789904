package app.knowledgenetwork.collabwebsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The convergence property against the real server, over real WebSockets: random scenarios of several clients typing
 * at once (inserts and deletes of astral and combining text), some losing their connection mid-stream, editing
 * offline and coming back to catch up and resubmit, all end with the same text, which is the text saved into the
 * document, and the document's version moved by exactly the number of operations the clients had sequenced (none
 * lost, none applied twice).
 *
 * <p>jqwik cannot drive a {@code @QuarkusTest}, so this is a seeded loop: scenario {@code i} is generated from seed
 * {@code base + i} ({@code -Dconvergence.seed=<base>}, {@code -Dconvergence.scenarios=<n>}). A
 * failure names its seed; rerunning with that seed and one scenario replays the same clients and edits (the
 * interleaving on the server is the network's, as it is in production).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(CollabTestResource.class)
class ConvergencePropertyTest extends CollabTestBase {
    private static final String[] PIECES = {"a", "bc", "😀", "é", "e\u0301", "𝄞x", "👩‍👩‍👧", " ", "\n", "[[x]]", "日本"};
    private static final long BASE_SEED = Long.getLong("convergence.seed", 20_261_202L);
    private static final int SCENARIOS = Integer.getInteger("convergence.scenarios", 30);
    private static final Duration SETTLE = Duration.ofSeconds(20);

    /** One simulated person: a client and the token it reconnects with. */
    private record Person(CollabClient client, String token) {
    }

    @Test
    void randomClientsTypingDroppingAndReconnectingConvergeOnTheSavedText() {
        for (int i = 0; i < SCENARIOS; i++) {
            long seed = BASE_SEED + i;
            try {
                scenario(seed);
            } catch (Throwable t) {
                throw new AssertionError("the scenario of seed " + seed + " failed (replay it: -Dconvergence.seed=" + seed
                        + " -Dconvergence.scenarios=1): " + t.getMessage(), t);
            }
        }
    }

    private void scenario(long seed) {
        Random random = new Random(seed);
        String initial = randomText(random, random.nextInt(8));
        UUID doc = fixtures.document(workspace, owner, "Scenario " + seed, initial);
        List<Person> people = new ArrayList<>();
        int count = 2 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            UUID user = random.nextInt(3) == 0 ? owner : member("EDITOR");
            String token = TestTokens.valid(user);
            people.add(new Person(CollabClient.join(vertx, base, doc, token), token));
        }
        try {
            long start = people.getFirst().client().version();
            int steps = 40 + random.nextInt(120);
            for (int step = 0; step < steps; step++) {
                Person p = people.get(random.nextInt(people.size()));
                CollabClient c = p.client();
                int dice = random.nextInt(100);
                if (dice < 5 && c.connected()) {
                    c.disconnect();
                } else if (dice < 12 && !c.connected()) {
                    c.reconnect(vertx, base, doc, p.token());
                } else if (dice < 15 && c.connected()) {
                    Eventually.holds("a client's edits acknowledged", SETTLE, c::settled);
                } else {
                    randomEdit(c, random);
                }
            }
            for (Person p : people) {
                if (!p.client().connected()) {
                    p.client().reconnect(vertx, base, doc, p.token());
                }
            }
            Eventually.holds("every client has its edits acknowledged and everyone else's", SETTLE, () -> {
                long v = people.getFirst().client().version();
                return people.stream().allMatch(p -> p.client().problem() != null || p.client().settled() && p.client().version() == v);
            });
            for (Person p : people) {
                assertNull(p.client().problem());
            }
            String text = people.getFirst().client().text();
            for (Person p : people) {
                assertEquals(text, p.client().text(), "every client has the same text");
            }
            int sequenced = people.stream().mapToInt(p -> p.client().sequencedCount()).sum();
            assertEquals(start + sequenced, people.getFirst().client().version(),
                    "the version moved once per operation the clients had sequenced (none lost, none applied twice)");
            CollabClient newcomer = CollabClient.join(vertx, base, doc, TestTokens.valid(owner));
            assertEquals(text, newcomer.text(), "a newcomer gets the same text");
            newcomer.close();
            people.forEach(p -> p.client().close());
            Eventually.holds("the converged text is saved into the document", SETTLE, () -> text.equals(fixtures.row(doc).content()));
        } finally {
            people.forEach(p -> p.client().close());
        }
    }

    private static String randomText(Random random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static void randomEdit(CollabClient c, Random random) {
        c.edit(text -> {
            int length = text.codePointCount(0, text.length());
            if (length > 3 && random.nextInt(5) < 2) {
                int at = random.nextInt(length);
                return TextOperation.delete(at, 1 + random.nextInt(Math.min(5, length - at)));
            }
            return TextOperation.insert(random.nextInt(length + 1), randomText(random, 1 + random.nextInt(2)));
        });
    }
}
