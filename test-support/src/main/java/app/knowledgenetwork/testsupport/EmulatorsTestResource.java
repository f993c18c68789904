package app.knowledgenetwork.testsupport;

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
import java.util.List;
import java.util.Map;

/**
 * Runs the emulators application (Google Keep API, Google OAuth token endpoint, Notion API) as a
 * process of its own, once per test JVM, so that the services' real client libraries talk HTTP to it
 * exactly as they would to Google and Notion. A module that uses it declares a test-scoped
 * dependency on {@code emulators} (type pom) so that the reactor builds the emulators first.
 *
 * <p>Gives the service under test {@code kn.emulators.url} (the base URL), {@code kn.keep.api-url},
 * {@code kn.google.token-url} and {@code kn.notion.api-url}.
 */
public class EmulatorsTestResource implements QuarkusTestResourceLifecycleManager {

    private static Process process;
    private static URI baseUrl;

    /** The base URL of the running emulators, for tests that seed or inspect them. */
    public static URI baseUrl() {
        return baseUrl;
    }

    @Override
    public Map<String, String> start() {
        URI url = ensureRunning();
        String base = url.toString();
        return Map.of(
                "kn.emulators.url", base,
                "kn.keep.api-url", base + "/keep",
                "kn.google.token-url", base + "/google/oauth2/token",
                "kn.notion.api-url", base + "/notion/v1/");
    }

    @Override
    public void stop() {
        // The emulators live for the whole JVM: restarting them per test class would cost seconds each.
    }

    private static synchronized URI ensureRunning() {
        if (process != null && process.isAlive()) {
            return baseUrl;
        }
        Path root = DevServicesSettings.repositoryRoot().orElseThrow(() -> new IllegalStateException("repository root not found"));
        Path jar = root.resolve("emulators/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the emulators first (./mvnw -pl emulators package)");
        }
        int port = freePort();
        int managementPort = freePort();
        Path log = root.resolve("emulators/target/emulators-test.log");
        try {
            process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.port=" + managementPort,
                    "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulators from " + jar, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
        baseUrl = URI.create("http://127.0.0.1:" + port);
        awaitReady(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"), log);
        return baseUrl;
    }

    private static void awaitReady(URI readiness, Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
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
        throw new IllegalStateException("the emulators did not become ready in 60 s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
