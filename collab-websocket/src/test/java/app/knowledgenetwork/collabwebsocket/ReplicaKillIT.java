package app.knowledgenetwork.collabwebsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import app.knowledgenetwork.collabwebsocket.saving.Saver;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A replica killed mid-session, for real: a second collab-websocket runs as its own JVM from the built jar (as a
 * deployment runs it) on the same Redis and PostgreSQL as the application under test. Clients edit through both; the
 * second is killed with SIGKILL while some of its clients' edits are sequenced but not yet acknowledged to them (they
 * had stopped reading) and others are still waiting to be sent. Its clients go on typing offline, rejoin this
 * replica with the version they hold and resubmit what was not acknowledged, with the same {@code src}/{@code seq}.
 * Every client then holds the same text, in which each edit anyone made appears exactly once (none lost, none applied
 * twice), the version moved once per sequenced operation, and that text is what gets saved.
 *
 * <p>An integration test (Failsafe, after {@code package}) because it runs the jar {@code package} builds.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(CollabTestResource.class)
class ReplicaKillIT extends CollabTestBase {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final long SEED = Long.getLong("replica-kill.seed", 7L);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;
    @ConfigProperty(name = "kn.collab.jwks-url")
    String jwksUrl;
    @ConfigProperty(name = "kn.collab.issuer")
    String issuer;

    /** One person typing: a client, the token it rejoins with, and the lines it has typed. */
    private record Person(String name, CollabClient client, String token, List<String> typed) {
        void type(Random random) {
            String line = name + "-" + typed.size();
            typed.add(line);
            // Whole lines inserted at line starts: no edit splits another, so each can be found intact at the end.
            client.edit(text -> {
                List<Integer> starts = new ArrayList<>();
                starts.add(0);
                int at = 0;
                for (int cp : text.codePoints().toArray()) {
                    at++;
                    if (cp == '\n') {
                        starts.add(at);
                    }
                }
                return TextOperation.insert(starts.get(random.nextInt(starts.size())), line + "\n");
            });
        }
    }

    @Test
    void clientsOfAKilledReplicaRejoinTheOtherAndEveryEditLandsExactlyOnce() throws Exception {
        int httpPort = freePort();
        Path log = Path.of("target/replica-kill-second.log");
        Process second = startSecondReplica(httpPort, freePort(), log);
        List<Person> everyone = new ArrayList<>();
        try {
            URI secondBase = URI.create("http://127.0.0.1:" + httpPort + "/");
            UUID doc = fixtures.document(workspace, owner, "Killed replica", "");
            Random random = new Random(SEED);
            List<Person> here = new ArrayList<>();
            List<Person> there = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                here.add(person("here" + i, doc, base));
                there.add(person("there" + i, doc, secondBase));
            }
            everyone.addAll(here);
            everyone.addAll(there);
            long start = here.getFirst().client().version();

            for (int round = 0; round < 15; round++) {
                for (Person p : everyone) {
                    p.type(random);
                }
            }
            Eventually.holds("the second replica's clients have their edits acknowledged", SETTLE,
                    () -> there.stream().allMatch(p -> p.client().settled()));
            // They stop reading, type once more: sequenced (a client here sees it), the ack never read.
            for (Person p : there) {
                p.client().pauseReading();
                p.type(random);
            }
            Eventually.holds("the unread edits are sequenced", SETTLE, () -> there.stream()
                    .allMatch(p -> here.getFirst().client().text().contains(p.typed().getLast() + "\n")));
            // More edits wait behind those, never sent before the replica dies.
            for (Person p : there) {
                p.type(random);
            }
            second.destroyForcibly();
            assertTrue(second.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the second replica died");

            for (Person p : there) {
                p.client().disconnect();
                p.type(random);
            }
            for (int round = 0; round < 5; round++) {
                for (Person p : here) {
                    p.type(random);
                }
            }
            for (Person p : there) {
                p.client().reconnect(vertx, base, doc, p.token());
                p.type(random);
            }

            Eventually.holds("every client has its edits acknowledged and everyone else's", SETTLE, () -> {
                long v = everyone.getFirst().client().version();
                return everyone.stream().allMatch(p -> p.client().problem() != null || p.client().settled() && p.client().version() == v);
            });
            for (Person p : everyone) {
                assertNull(p.client().problem(), p.name());
            }
            String text = everyone.getFirst().client().text();
            for (Person p : everyone) {
                assertEquals(text, p.client().text(), p.name() + " has the same text as everyone");
            }
            Map<String, Integer> lines = new TreeMap<>();
            for (String line : text.split("\n")) {
                lines.merge(line, 1, Integer::sum);
            }
            Map<String, Integer> expected = new TreeMap<>();
            everyone.forEach(p -> p.typed().forEach(line -> expected.put(line, 1)));
            assertEquals(expected, lines, "every edit anyone made is in the text exactly once");
            int sequenced = everyone.stream().mapToInt(p -> p.client().sequencedCount()).sum();
            assertEquals(start + sequenced, everyone.getFirst().client().version(), "the version moved once per sequenced operation");
            everyone.forEach(p -> p.client().close());
            // A replica killed while saving leaves the document's save lock to expire (Saver.LOCK_MILLIS after it took
            // it); this one's saves are refused until then and retried every kn.collab.save-retry (5 s, within SETTLE).
            Eventually.holds("the converged text is saved", SETTLE.plusMillis(Saver.LOCK_MILLIS), () -> text.equals(fixtures.row(doc).content()));
        } finally {
            everyone.forEach(p -> p.client().close());
            second.destroyForcibly();
        }
    }

    private Person person(String name, UUID doc, URI at) {
        String token = TestTokens.valid(member("EDITOR"));
        return new Person(name, CollabClient.join(vertx, at, doc, token), token, new ArrayList<>());
    }

    /** collab-websocket from its jar, as production starts it, on this test's PostgreSQL, Redis and JWK Set. */
    private Process startSecondReplica(int httpPort, int managementPort, Path log) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is not built (the package phase builds it before this test)");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(new HashMap<>(Map.of(
                "DATABASE_URL", jdbcUrl,
                "DATABASE_USERNAME", dbUser,
                "DATABASE_PASSWORD", dbPassword,
                "REDIS_URL", redisUrl,
                "REDIS_KEY_PREFIX", keyPrefix,
                "JWT_JWKS_URL", jwksUrl,
                "JWT_ISSUER", issuer,
                "HTTP_PORT", Integer.toString(httpPort),
                "METRICS_PORT", Integer.toString(managementPort))));
        env.put("KN_COLLAB_SAVE_DEBOUNCE", "PT0.2S");
        env.put("KN_COLLAB_SAVE_MAX_DELAY", "PT1S");
        env.put("KN_COLLAB_SAVE_RETRY", "PT0.5S");
        Process process = builder.start();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        try {
            Eventually.holds("the second replica is ready (log: " + log.toAbsolutePath() + ")", STARTUP, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the second replica exited with " + process.exitValue() + "; log: " + log.toAbsolutePath());
                }
                return ok(ready);
            });
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    private static boolean ok(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
