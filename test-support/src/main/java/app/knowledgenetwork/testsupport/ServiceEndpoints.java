package app.knowledgenetwork.testsupport;

import java.net.URI;
import java.util.Optional;

/**
 * Where the real dependencies of a test run listen. Every field is a loopback or container
 * address; tests never reach anything else.
 */
public record ServiceEndpoints(
        String postgresHost,
        int postgresPort,
        String postgresUser,
        String postgresPassword,
        URI redis,
        URI openSearch,
        URI s3,
        String s3Region,
        String s3AccessKey,
        String s3SecretKey,
        Optional<String> redisServerBinary) {

    private static ServiceEndpoints current;

    /**
     * The services of this run: those {@code bin/dev-services} started when it has left its
     * settings, otherwise containers when a Docker engine answers. Resolved once per JVM.
     */
    public static synchronized ServiceEndpoints current() {
        if (current == null) {
            current = DevServicesSettings.find()
                    .map(DevServicesSettings::endpoints)
                    .or(ContainerServices::startIfDockerAnswers)
                    .orElseThrow(() -> new IllegalStateException(
                            "No PostgreSQL, Redis, OpenSearch or S3 for the tests: run `bin/dev-services up` "
                                    + "(or `bin/test`, which does it), or start a Docker engine for Testcontainers."));
        }
        return current;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }
}
