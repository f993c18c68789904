package app.knowledgenetwork.apigateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.Eventually;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.testsupport.DisposableRedisTestResource;
import app.knowledgenetwork.testsupport.ManagementInterface;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves while the edge is still deciding about its request (here: its rate-limit lease, with Redis
 * paused) is not forwarded: before the fix such a request went to the proxy anyway, was never sent, and held its
 * upstream request until the service's timeout (a minute here, 30 s in production), then logged an ERROR — once per
 * cancelled navigation. Its own Redis, since the test pauses it.
 */
@QuarkusTest
@WithTestResource(DisposableRedisTestResource.class)
@WithTestResource(StandInServices.class)
class DepartedClientTest {

    private static final String CLOSED = "kn_gateway_client_closed_requests_total";

    @Test
    void aRequestWhoseClientLeftDuringTheEdgeIsCountedAndNeverSent() throws Exception {
        double before = ManagementInterface.metric(CLOSED, "service=\"counted_service\"");
        try (Socket redis = new Socket("127.0.0.1", DisposableRedisTestResource.redis().port())) {
            send(redis, "*3\r\n$6\r\nCLIENT\r\n$5\r\nPAUSE\r\n$4\r\n1500\r\n");
            assertEquals("+OK", line(redis.getInputStream()));
            try (Socket client = new Socket("127.0.0.1", RestAssured.port)) {
                // A fresh address: its lease must come from Redis, so the edge waits for the pause to end.
                send(client, "GET /test/counted/departed HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: "
                        + Clients.freshAddress() + "\r\n\r\n");
            }
        }
        Eventually.await(() -> ManagementInterface.metric(CLOSED, "service=\"counted_service\"") == before + 1,
                () -> "the departed request counted as closed by its client: " + ManagementInterface.metric(CLOSED,
                        "service=\"counted_service\"") + ", was " + before);
        Clients.fresh().get("/test/counted/after").then().statusCode(200);
        assertEquals(List.of("/test/counted/after"), StandInServices.COUNTED_PATHS, "what reached the service");
    }

    /**
     * The WebSocket case: the client leaves while the service is still answering its upgrade. The tunnel used to be
     * set up anyway from the service's side (an uncaught exception in the gateway, the service's socket left open as
     * if a user were still connected); now the gateway closes the service's side as the 101 arrives.
     */
    @Test
    void aWebSocketWhoseClientLeftDuringTheUpgradeIsClosedAtTheService() throws Exception {
        int seen = StandInServices.SLOW_WS_SEEN.get();
        int closed = StandInServices.SLOW_WS_CLOSED.get();
        double connections = ManagementInterface.metric("http_server_connections_seconds_active_count");
        try (Socket client = new Socket("127.0.0.1", RestAssured.port)) {
            send(client, "GET /test/slow-ws/doc-1 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nX-Forwarded-For: "
                    + Clients.freshAddress() + "\r\n\r\n");
            Eventually.await(() -> StandInServices.SLOW_WS_SEEN.get() == seen + 1, () -> "the upgrade reached the service");
        }
        // The gateway has seen its client go before the service says yes.
        Eventually.await(() -> ManagementInterface.metric("http_server_connections_seconds_active_count") == connections,
                () -> "the gateway's client connection closed: " + ManagementInterface.metric("http_server_connections_seconds_active_count"));
        StandInServices.SLOW_WS_ACCEPT.get().run();
        Eventually.await(() -> StandInServices.SLOW_WS_CLOSED.get() == closed + 1,
                () -> "the service's WebSocket closed: opened " + StandInServices.SLOW_WS_OPENED.get() + ", closed "
                        + StandInServices.SLOW_WS_CLOSED.get() + " (was " + closed + ")");
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
