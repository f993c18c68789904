package app.knowledgenetwork.apigateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.Eventually;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Clients that give up waiting (a cancelled navigation, a closed tab) are not the service's failures. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class AbandonedRequestsTest {

    @Inject
    ProxyRoutes routes;

    @Test
    void requestsTheirClientsCancelledDoNotOpenTheBreaker() throws Exception {
        AtomicInteger seen = StandInServices.ABANDONED_SEEN;
        AtomicInteger cancelled = StandInServices.ABANDONED_CANCELLED;
        int seenBefore = seen.get();
        int cancelledBefore = cancelled.get();
        int abandoned = 4; // the breaker opens after 3 consecutive failures

        for (int i = 0; i < abandoned; i++) {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET /test/abandoned/page-" + i + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: "
                        + Clients.freshAddress() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                int expected = seenBefore + i + 1;
                Eventually.await(() -> seen.get() >= expected,
                        () -> "the request reached the service: " + seen.get() + " of " + expected);
            }
        }
        // The gateway passed each cancellation on: the service saw every one of its connections closed.
        int allCancelled = cancelledBefore + abandoned;
        Eventually.await(() -> cancelled.get() >= allCancelled,
                () -> "the gateway cancelled the upstream requests: " + cancelled.get() + " of " + allCancelled);

        assertEquals(CircuitBreaker.State.CLOSED, routes.breakerState("abandoned_service"));
    }
}
