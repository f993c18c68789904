package app.knowledgenetwork.apigateway.routing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class RoutingTest {

    private static Vertx vertx;

    @BeforeAll
    static void client() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        vertx.close();
    }

    @Test
    void syncApiReachesSyncServiceWithRequestIdAndForwardedHeaders() {
        String client = Clients.freshAddress();
        RestAssured.given().header("X-Forwarded-For", client).header("X-Request-Id", "req-42")
                .get("/api/v1/sync/connections?page=2").then()
                .statusCode(200)
                .header("X-Request-Id", "req-42")
                .body("uri", equalTo("/api/v1/sync/connections?page=2"))
                .body("headers.x-request-id", equalTo("req-42"))
                .body("headers.x-forwarded-for", equalTo(client + ", 127.0.0.1"))
                .body("headers.x-real-ip", equalTo(client))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", startsWith("localhost:"));
    }

    @Test
    void aRequestWithoutIdGetsOneThatTheServiceSeesToo() {
        var response = Clients.fresh().get("/api/v1/sync/jobs");
        String id = response.header("X-Request-Id");
        response.then().statusCode(200).body("headers.x-request-id", equalTo(id));
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
    }

    @Test
    void graphqlPostGoesToKnowledgeApiWithItsBody() {
        Clients.fresh().contentType("application/json").body("{\"query\":\"{ me { id } }\"}")
                .post("/graphql").then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/graphql"))
                .body("body", equalTo("{\"query\":\"{ me { id } }\"}"));
    }

    @Test
    void webSocketsAreTunnelledToCollabAndGraphql() throws Exception {
        assertEquals("/collab ws-1 hello", webSocketRoundTrip("/collab", "ws-1", "hello"));
        assertEquals("/graphql ws-2 {\"type\":\"connection_init\"}",
                webSocketRoundTrip("/graphql", "ws-2", "{\"type\":\"connection_init\"}"));
    }

    private String webSocketRoundTrip(String path, String requestId, String message) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(RestAssured.port)
                        .setURI(path).addHeader("X-Request-Id", requestId).addHeader("X-Forwarded-For", Clients.freshAddress()))
                .onFailure(reply::completeExceptionally)
                .onSuccess(ws -> {
                    ws.textMessageHandler(reply::complete);
                    ws.writeTextMessage(message);
                });
        return reply.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aServiceThatIsDownGives502AndAfterRepeatedFailuresTheBreakerAnswers503() {
        Clients.fresh().get("/test/down/anything").then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("status", equalTo(502))
                .body("type", equalTo("urn:kn:problem:service-unreachable"))
                .body("detail", equalTo("down_service could not be reached"));
        Clients.fresh().get("/test/down/anything").then().statusCode(502);
        Clients.fresh().get("/test/down/anything").then().statusCode(502);
        Clients.fresh().get("/test/down/anything").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .body("type", equalTo("urn:kn:problem:service-unavailable"));
    }

    @Test
    void aServiceThatHangsGives504AfterItsTimeout() {
        long start = System.nanoTime();
        Clients.fresh().get("/test/hanging/slow").then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kn:problem:service-timeout"))
                .body("detail", equalTo("hanging_service did not answer within 500 ms"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 450 && millis < 5000, "answered after " + millis + " ms");
    }
}
