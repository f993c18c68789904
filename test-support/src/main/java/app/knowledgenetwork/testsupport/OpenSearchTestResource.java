package app.knowledgenetwork.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The shared OpenSearch, with an index prefix of this run's own; its indices are deleted at the end. */
public class OpenSearchTestResource implements QuarkusTestResourceLifecycleManager {

    private String prefix;

    @Override
    public Map<String, String> start() {
        prefix = TestNames.unique("test-") + "-";
        return Map.of(
                "kn.opensearch.url", ServiceEndpoints.current().openSearch().toString(),
                "kn.opensearch.index-prefix", prefix);
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
