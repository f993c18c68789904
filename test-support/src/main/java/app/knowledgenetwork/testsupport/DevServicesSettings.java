package app.knowledgenetwork.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what {@code bin/dev-services up} wrote to {@code .local/dev-services.env} (KEY=VALUE lines),
 * with the process environment taking precedence so a CI job can point tests elsewhere.
 */
final class DevServicesSettings {

    static final String FILE = ".local/dev-services.env";

    private final Map<String, String> values;

    private DevServicesSettings(Map<String, String> values) {
        this.values = values;
    }

    static Optional<DevServicesSettings> find() {
        Map<String, String> values = new HashMap<>();
        repositoryRoot().map(root -> root.resolve(FILE)).filter(Files::isRegularFile).ifPresent(file -> {
            try {
                for (String line : Files.readAllLines(file)) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        });
        System.getenv().forEach((key, value) -> {
            if (key.startsWith("KN_")) {
                values.put(key, value);
            }
        });
        return values.containsKey("KN_PG_PORT") ? Optional.of(new DevServicesSettings(values)) : Optional.empty();
    }

    ServiceEndpoints endpoints() {
        return new ServiceEndpoints(
                get("KN_PG_HOST"),
                Integer.parseInt(get("KN_PG_PORT")),
                get("KN_PG_USER"),
                get("KN_PG_PASSWORD"),
                URI.create(get("KN_REDIS_URL")),
                URI.create(get("KN_OPENSEARCH_URL")),
                URI.create(get("KN_S3_ENDPOINT")),
                get("KN_S3_REGION"),
                get("KN_S3_ACCESS_KEY"),
                get("KN_S3_SECRET_KEY"),
                Optional.ofNullable(values.get("KN_REDIS_SERVER_BIN")));
    }

    private String get(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " is missing from " + FILE + ": run `bin/dev-services up` again");
        }
        return value;
    }

    /** The repository root: KN_REPO_ROOT (set by the build), else the nearest folder above with .mvn/. */
    static Optional<Path> repositoryRoot() {
        String configured = System.getenv("KN_REPO_ROOT");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
