package app.knowledgenetwork.testsupport;

import java.net.URI;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The same four services as containers, for machines with a Docker engine and no dev services.
 * Started once per JVM and left to Testcontainers' reaper to remove.
 */
final class ContainerServices {

    private static final String PASSWORD = "kn-test";
    private static final String S3_KEY = "kn-test-access";
    private static final String S3_SECRET = "kn-test-secret-key";

    private ContainerServices() {
    }

    static Optional<ServiceEndpoints> startIfDockerAnswers() {
        if (!dockerAnswers()) {
            return Optional.empty();
        }
        var postgres = new GenericContainer<>("postgres:15-alpine")
                .withEnv("POSTGRES_USER", "kn").withEnv("POSTGRES_PASSWORD", PASSWORD)
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\n", 2));
        var redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        var openSearch = new GenericContainer<>("opensearchproject/opensearch:3.3.2")
                .withEnv("discovery.type", "single-node")
                .withEnv("DISABLE_SECURITY_PLUGIN", "true")
                .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withExposedPorts(9200)
                .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200));
        var s3 = new GenericContainer<>("andrewgaul/s3proxy:sha-ba0fd6d")
                .withEnv("S3PROXY_AUTHORIZATION", "aws-v2-or-v4")
                .withEnv("S3PROXY_IDENTITY", S3_KEY).withEnv("S3PROXY_CREDENTIAL", S3_SECRET)
                .withExposedPorts(80);
        postgres.start();
        redis.start();
        openSearch.start();
        s3.start();
        return Optional.of(new ServiceEndpoints(
                postgres.getHost(), postgres.getMappedPort(5432), "kn", PASSWORD,
                URI.create("redis://" + redis.getHost() + ":" + redis.getMappedPort(6379)),
                URI.create("http://" + openSearch.getHost() + ":" + openSearch.getMappedPort(9200)),
                URI.create("http://" + s3.getHost() + ":" + s3.getMappedPort(80)),
                "us-east-1", S3_KEY, S3_SECRET, Optional.empty()));
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
