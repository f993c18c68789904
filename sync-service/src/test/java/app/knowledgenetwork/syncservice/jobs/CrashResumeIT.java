package app.knowledgenetwork.syncservice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.syncservice.support.AccessTokens;
import app.knowledgenetwork.syncservice.support.Connectors;
import app.knowledgenetwork.syncservice.support.KeepNotes;
import app.knowledgenetwork.syncservice.support.NotionEmulator;
import app.knowledgenetwork.syncservice.support.SyncApi;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * sync-service and notion-writer killed mid-job. The jobs are worked by separate sync-service JVMs (the built
 * {@code quarkus-run.jar}, production profile, on the test's database) writing through a notion-writer JVM of
 * its built jar; this test's own instance only serves the API (no workers). The first sync-service and its
 * notion-writer are killed with SIGKILL together while they write (a batch's pages half created, its answer
 * never given); a new pair is started, the new sync-service takes the tasks over when their lease runs out,
 * and Notion ends with exactly one page per note.
 *
 * <p>Needs the current jar: {@code ./mvnw -pl sync-service package -DskipTests} first (surefire runs before
 * packaging).
 */
@QuarkusTest
@TestProfile(CrashResumeIT.NoLocalWorkers.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(Connectors.class)
@WithTestResource(AccessTokens.class)
class CrashResumeIT {

    private static final int NOTES = Integer.getInteger("sync.crash-test-notes", 60);

    public static class NoLocalWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kn.sync.workers", "0");
        }
    }

    @Test
    void syncServiceAndNotionWriterKilledMidJobAreTakenOverAndEveryNoteLandsOnce() throws Exception {
        String keepUser = "u" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        String refreshToken = "1//rt-" + UUID.randomUUID();
        NotionEmulator.keepRefreshToken(refreshToken, keepUser);
        Instant created = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> notes = new ArrayList<>();
        for (int i = 0; i < NOTES; i++) {
            notes.add(KeepNotes.note("c" + i, i, "Body of note " + i, created.plusSeconds(i), created.plusSeconds(3600)));
        }
        NotionEmulator.keepNotes(keepUser, notes);
        String notionToken = NotionEmulator.token();
        // Slow enough that the job is surely under way when the worker dies: 10 requests/s.
        NotionEmulator.post("/_emulator/notion/tokens", Map.of("token", notionToken, "rate", 10, "burst", 10));
        String database = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String user = AccessTokens.user(AccessTokens.newUser());
        String connection = SyncApi.createConnection(user, SyncApi.refreshTokenConnection(refreshToken, database, notionToken));
        String job = SyncApi.trigger(user, connection, "INCREMENTAL");

        Connectors.Running firstWriter = Connectors.startNotionWriter("crash-first");
        Process first = startSyncService("first", firstWriter.url().toString());
        try {
            // Mid-job: some pages written, not all.
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (NotionEmulator.pages(database).size() < NOTES / 4 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            int before = NotionEmulator.pages(database).size();
            assertTrue(before >= NOTES / 4 && before < NOTES, "the job should be half way when the worker is killed: " + before + " pages");
        } finally {
            // SIGKILL both: no shutdown hook, leases left as they were, notion-writer's batch cut off mid-way
            firstWriter.process().destroyForcibly();
            first.destroyForcibly();
            first.waitFor();
            firstWriter.process().waitFor();
        }
        assertFalse(List.of("SUCCEEDED", "PARTIALLY_FAILED", "FAILED").contains(SyncApi.job(user, job).getString("state")));

        Connectors.Running secondWriter = Connectors.startNotionWriter("crash-second");
        Process second = startSyncService("second", secondWriter.url().toString());
        try {
            JsonPath finished = SyncApi.awaitFinished(user, job);
            assertEquals("SUCCEEDED", finished.getString("state"), finished.prettify());
            assertEquals(0, finished.getInt("failed"), finished.prettify());
            assertEquals(NOTES, finished.getInt("created") + finished.getInt("updated"), finished.prettify());
        } finally {
            second.destroy();
            secondWriter.process().destroy();
            second.waitFor();
            secondWriter.process().waitFor();
        }
        // Exactly one page per note: nothing written twice, nothing missing.
        List<JsonNode> pages = NotionEmulator.pages(database);
        Map<String, Long> byKeepId = pages.stream().collect(Collectors.groupingBy(
                p -> p.path("properties").path("Keep ID").path("rich_text").path(0).path("plain_text").asText(), Collectors.counting()));
        assertEquals(NOTES, pages.size(), byKeepId.toString());
        assertEquals(notes.stream().map(n -> (String) n.get("id")).collect(Collectors.toSet()), byKeepId.keySet());
    }

    /** A sync-service JVM of the built jar, working the queue of this test's database with a short lease, writing through that notion-writer. */
    private static Process startSyncService(String name, String notionWriterUrl) throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("KN_REPO_ROOT", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("sync-service/target/quarkus-app/quarkus-run.jar");
        Path classes = root.resolve("sync-service/target/classes/app/knowledgenetwork/syncservice/jobs/JobRunner.class");
        if (!Files.isRegularFile(jar) || Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(classes)) < 0) {
            throw new IllegalStateException(jar + " is missing or older than the compiled classes: ./mvnw -pl sync-service package -DskipTests first");
        }
        Config config = ConfigProvider.getConfig();
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", config.getValue("quarkus.datasource.jdbc.url", String.class));
        env.put("DATABASE_USERNAME", config.getValue("quarkus.datasource.username", String.class));
        env.put("DATABASE_PASSWORD", config.getValue("quarkus.datasource.password", String.class));
        env.put("REDIS_URL", config.getValue("quarkus.redis.hosts", String.class));
        env.put("ENCRYPTION_KEY", config.getValue("kn.sync.encryption-key", String.class));
        env.put("JWT_JWKS_URL", "http://127.0.0.1:1/unused-jwks.json");
        env.put("JWT_ISSUER", AccessTokens.ISSUER);
        env.put("KEEP_EXTRACTOR_URL", config.getValue("quarkus.rest-client.keep-extractor.url", String.class));
        env.put("NOTION_WRITER_URL", notionWriterUrl);
        env.put("SYNC_WORKERS", "2");
        env.put("SYNC_WRITE_BATCH", "5");
        env.put("SYNC_LEASE", "5s");
        env.put("SYNC_HEARTBEAT", "1s");
        env.put("SYNC_POLL_INTERVAL", "200ms");
        env.put("SYNC_RETRY_DELAY", "200ms");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("HTTP_PORT", String.valueOf(freePort()));
        env.put("METRICS_PORT", String.valueOf(freePort()));
        Path log = root.resolve("sync-service/target/crash-test-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
