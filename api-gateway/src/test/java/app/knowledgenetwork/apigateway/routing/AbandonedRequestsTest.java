package app.knowledgenetwork.apigateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
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
                await(seen::get, expected, "the request reached the service");
            }
        }
        // The gateway passed each cancellation on: the service saw every one of its connections closed.
        await(cancelled::get, cancelledBefore + abandoned, "the gateway cancelled the upstream requests");

        assertEquals(CircuitBreaker.State.CLOSED, routes.breakerState("abandoned_service"));
    }

    private static void await(IntSupplier value, int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsInt() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + value.getAsInt() + " of " + expected);
            }
            Thread.sleep(5);
        }
    }
}
