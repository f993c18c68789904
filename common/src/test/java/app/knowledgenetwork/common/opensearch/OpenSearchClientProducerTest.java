package app.knowledgenetwork.common.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

class OpenSearchClientProducerTest {

    /** Every search and _bulk answer was gzipped by OpenSearch and inflated by the service: CPU on both sides for nothing. */
    @Test
    void asksForUncompressedAnswers() throws Exception {
        AtomicReference<String> acceptEncoding = new AtomicReference<>("not asked");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            acceptEncoding.set(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        OpenSearchClientProducer producer = new OpenSearchClientProducer(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        OpenSearchClient client = producer.openSearchClient();
        try {
            assertEquals(true, client.ping().value());
            assertNull(acceptEncoding.get(), "Accept-Encoding sent: " + acceptEncoding.get());
        } finally {
            producer.close(client);
            server.stop(0);
        }
    }
}
