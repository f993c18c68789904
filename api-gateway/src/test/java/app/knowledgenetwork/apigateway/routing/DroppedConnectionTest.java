package app.knowledgenetwork.apigateway.routing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A service closes a kept-alive connection just as the gateway sends the next request on it (Node's HTTP
 * server does so to a connection idle for its keep-alive timeout). The stand-in "dropping_service" does it
 * to every connection's second request: a page's GET must still get its answer, a POST must not be sent twice.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class DroppedConnectionTest {

    @Test
    void aGetOnAConnectionTheServiceClosesIsSentAgainOnAnotherAndAnswered() {
        int before = seen("GET");
        Clients.fresh().get("/test/dropping/first").then().statusCode(200)
                .body(equalTo("answered on a new connection"));
        // Goes out on the pooled connection of the first, which the service closes under it.
        Clients.fresh().get("/test/dropping/script-chunk.js").then().statusCode(200)
                .body(equalTo("answered on a new connection"));
        assertEquals(before + 3, seen("GET"), "the service saw the first GET, the dropped one and its second sending");
    }

    @Test
    void aPostOnAConnectionTheServiceClosesIsNotSentAgain() {
        Clients.fresh().get("/test/dropping/before-the-post").then().statusCode(200);
        int before = seen("POST");
        Clients.fresh().contentType("application/json").body("{\"create\":\"a page\"}")
                .post("/test/dropping/pages").then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kn:problem:service-unreachable"));
        assertEquals(before + 1, seen("POST"), "the POST reached the service once and was not replayed");
    }

    private static int seen(String method) {
        return StandInServices.DROPPING_SEEN.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }
}
