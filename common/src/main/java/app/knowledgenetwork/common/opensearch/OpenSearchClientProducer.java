package app.knowledgenetwork.common.opensearch;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import org.apache.hc.core5.http.HttpHost;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * One OpenSearch client per service that talks to OpenSearch (knowledge-api for queries,
 * search-indexer for writes). Present only where {@code kn.opensearch.enabled=true} at build time.
 */
@ApplicationScoped
@IfBuildProperty(name = "kn.opensearch.enabled", stringValue = "true")
public class OpenSearchClientProducer {

    private final URI url;

    public OpenSearchClientProducer(@ConfigProperty(name = "kn.opensearch.url") URI url) {
        this.url = url;
    }

    @Produces
    @Singleton
    OpenSearchClient openSearchClient() {
        HttpHost host = new HttpHost(url.getScheme(), url.getHost(), url.getPort() > 0 ? url.getPort()
                : "https".equals(url.getScheme()) ? 443 : 80);
        return new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(host)
                .setHttpClientConfigCallback(client -> client
                        // Uncompressed answers: the client asked for gzip by default, so OpenSearch compressed every answer
                        // and the service inflated it again, CPU on both sides of a link inside one network. Indexing
                        // throughput is the same either way (bench/search phase (1), 100,000 documents, 4 alternating runs
                        // each: 0.89-1.24 of raw _bulk without gzip, 0.94-1.15 with).
                        .disableContentCompression()
                        // None of a browser's machinery: OpenSearch sets no cookies, never redirects, and is called
                        // without per-user credentials or TLS identities. Each of these ran on every request (a cookie
                        // spec made and matched, redirect and auth state kept): without them knowledge-api spent about
                        // 0.8 ms less CPU per suggestion (3.6 instead of 4.4 ms; bench/search/README.md, fourth pass).
                        .disableCookieManagement()
                        .disableRedirectHandling()
                        .disableAuthCaching()
                        .disableConnectionState())
                .build());
    }

    void close(@Disposes OpenSearchClient client) throws IOException {
        client._transport().close();
    }
}
