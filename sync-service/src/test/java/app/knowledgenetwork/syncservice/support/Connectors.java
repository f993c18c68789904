package app.knowledgenetwork.syncservice.support;

import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceEndpoints;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * keep-extractor and notion-writer really running, as {@code bin/stack} runs them: their built
 * {@code quarkus-run.jar} in the production profile on free loopback ports, pointed at the emulators,
 * the dev services' Redis and a bucket of this run. sync-service is given their URLs, so a test drives
 * the whole chain: sync-service → connectors → emulated Keep and Notion.
 */
public class Connectors implements QuarkusTestResourceLifecycleManager {

    public static final String OAUTH_CLIENT_ID = "sync-test.apps.googleusercontent.com";
    public static final String OAUTH_CLIENT_SECRET = "sync-test-client-secret";

    private final S3TestResource bucket = new S3TestResource();
    private final List<Process> processes = new ArrayList<>();
    /** The connectors' environment of this run, for tests that start (and kill) connectors of their own. */
    private static volatile Map<String, String> connectorEnv;

    /** A connector process of a test's own and where it answers. */
    public record Running(Process process, URI url) {
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(new EmulatorsTestResource().start());
        Map<String, String> s3 = bucket.start();
        ServiceEndpoints endpoints = ServiceEndpoints.current();
        String emulators = EmulatorsTestResource.baseUrl().toString();
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", endpoints.redis().toString());
        env.put("REDIS_KEY_PREFIX", "kn-sync-test-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        env.put("S3_BUCKET", s3.get("kn.s3.bucket"));
        env.put("S3_REGION", s3.get("kn.s3.region"));
        env.put("S3_ENDPOINT", s3.get("kn.s3.endpoint"));
        env.put("AWS_ACCESS_KEY_ID", endpoints.s3AccessKey());
        env.put("AWS_SECRET_ACCESS_KEY", endpoints.s3SecretKey());
        env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED");
        env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED");
        // No ATTACHMENTS_SSE: the connectors upload with their production default, as bin/stack runs them.
        env.put("KEEP_API_URL", emulators + "/keep");
        env.put("GOOGLE_TOKEN_URL", emulators + "/google/oauth2/token");
        env.put("GOOGLE_OAUTH_CLIENT_ID", OAUTH_CLIENT_ID);
        env.put("GOOGLE_OAUTH_CLIENT_SECRET", OAUTH_CLIENT_SECRET);
        env.put("NOTION_API_URL", emulators + "/notion/v1/");
        // Tests register their tokens with the emulator at this rate, so that hundreds of notes take seconds.
        env.put("NOTION_RATE_LIMIT_REQUESTS", String.valueOf(NotionEmulator.TEST_RATE));
        env.put("NOTION_RATE_LIMIT_BURST", "10");
        env.put("RETRY_INITIAL_DELAY", "100ms");
        env.put("KEEP_INITIAL_BACKOFF", "10ms");
        env.put("NOTION_REQUEST_TIMEOUT", "5s");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        connectorEnv = Map.copyOf(env);
        config.put("quarkus.rest-client.keep-extractor.url", keep(run("keep-extractor", env, "test")).toString());
        config.put("quarkus.rest-client.notion-writer.url", keep(run("notion-writer", env, "test")).toString());
        // for tests that look into the connectors' bucket
        config.put("kn.test.connectors-bucket", s3.get("kn.s3.bucket"));
        return config;
    }

    @Override
    public void stop() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Emptying the bucket has been seen to hang on a busy S3Proxy (no read timeout in the test client):
        // it is cleanup only, so it gets half a minute.
        Thread cleanup = Thread.ofPlatform().daemon().start(bucket::stop);
        try {
            cleanup.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI keep(Running running) {
        processes.add(running.process());
        return running.url();
    }

    /**
     * Starts one more notion-writer of the built jar, configured as this run's (same emulators, Redis keys
     * and bucket), on free ports; the caller stops or kills it. Its log: {@code sync-service/target/notion-writer-{name}.log}.
     */
    public static Running startNotionWriter(String name) {
        if (connectorEnv == null) {
            throw new IllegalStateException("the Connectors test resource has not started");
        }
        return run("notion-writer", connectorEnv, name);
    }

    private static Running run(String module, Map<String, String> env, String name) {
        Path root = repositoryRoot();
        Path jar = root.resolve(module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -pl " + module + " package)");
        }
        int port = freePort();
        int management = freePort();
        Path log = root.resolve("sync-service/target/" + module + "-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("HTTP_PORT", String.valueOf(port));
        builder.environment().put("METRICS_PORT", String.valueOf(management));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + module + " from " + jar, e);
        }
        try {
            awaitReady(module, process, URI.create("http://127.0.0.1:" + management + "/q/health/ready"), log);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return new Running(process, URI.create("http://127.0.0.1:" + port));
    }

    private static void awaitReady(String module, Process process, URI readiness, Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(module + " did not become ready in 90 s; see " + log);
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("notion-writer"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
