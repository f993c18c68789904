package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.testsupport.ServiceEndpoints;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/**
 * Like test-support's OpenSearchTestResource (the shared OpenSearch, an index prefix of this run's own, deleted at the
 * end), but the service reaches OpenSearch through a loopback port that a test's {@link TcpProxy} serves: the test
 * opens the proxy, cuts it to simulate an outage and opens it again. Until the test opens it, OpenSearch is away for the
 * service (it starts anyway and sets up the index before its first batch).
 */
public class OpenSearchBehindProxyResource implements QuarkusTestResourceLifecycleManager {
    static final String PROXY_PORT = "kn.test.opensearch-proxy-port";

    private String prefix;

    @Override
    public Map<String, String> start() {
        prefix = "test-proxied-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port for the OpenSearch proxy", e);
        }
        return Map.of(
                "kn.opensearch.url", "http://127.0.0.1:" + port,
                "kn.opensearch.index-prefix", prefix,
                PROXY_PORT, Integer.toString(port));
    }

    @Override
    public void stop() {
        URI indices = ServiceEndpoints.current().openSearch().resolve("/" + prefix + "*?expand_wildcards=all");
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(indices).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            // Leftover test indices only cost disk in .local/; never fail a green run for them.
        }
    }
}
