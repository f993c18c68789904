package app.knowledgenetwork.apigateway.edge;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.apigateway.TestTokens;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class EdgeTest {

    private static void securityHeaders(ValidatableResponse response) {
        response.header("Strict-Transport-Security", equalTo("max-age=31536000; includeSubDomains"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", matchesPattern("default-src 'self';.*frame-ancestors 'none'.*"))
                .header("Referrer-Policy", equalTo("strict-origin-when-cross-origin"));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        securityHeaders(Clients.fresh().get("/api/v1/health").then());
        securityHeaders(Clients.fresh().get("/api/v1/sync/connections").then().statusCode(200));
        securityHeaders(Clients.fresh().get("/api/v1/no/such/thing").then().statusCode(404));
        securityHeaders(Clients.fresh().get("/a/web/page").then().statusCode(200));
        securityHeaders(Clients.fresh().get("/test/hanging/x").then().statusCode(504));
    }

    @Test
    void plainHttpAtTheLoadBalancerIsRedirectedToHttps() {
        Clients.fresh().header("X-Forwarded-Proto", "http").header("Host", "admin.example.test")
                .get("/api/v1/sync/connections?page=2").then()
                .statusCode(301)
                .header("Location", "https://admin.example.test/api/v1/sync/connections?page=2");
        Clients.fresh().header("X-Forwarded-Proto", "https")
                .get("/api/v1/sync/connections").then().statusCode(200)
                .body("headers.x-forwarded-proto", equalTo("https"));
    }

    @Test
    void configuredOriginsGetCorsOthersAreRefused() {
        Clients.fresh().header("Origin", "https://admin.example.test").header("Access-Control-Request-Method", "POST")
                .options("/graphql").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "https://admin.example.test")
                .header("Access-Control-Allow-Credentials", "true");
        Clients.fresh().header("Origin", "https://admin.example.test").get("/api/v1/sync/connections").then()
                .statusCode(200).header("Access-Control-Allow-Origin", "https://admin.example.test");

        Clients.fresh().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/graphql").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        Clients.fresh().header("Origin", "https://evil.example").get("/api/v1/sync/connections").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        Clients.fresh().contentType("application/json").body("x".repeat(2048)).post("/graphql").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kn:problem:body-too-large"));
        Clients.fresh().contentType("application/json").body("x".repeat(512)).post("/graphql").then()
                .statusCode(200);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413Too() throws Exception {
        String chunk = "x".repeat(600);
        String chunked = "POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + Clients.freshAddress()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
        String reply = rawRequestFrom("127.0.0.1", chunked);
        assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
        assertTrue(reply.contains("urn:kn:problem:body-too-large"), reply);

        String small = "POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + Clients.freshAddress()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
        reply = rawRequestFrom("127.0.0.1", small);
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfter() {
        String client = Clients.freshAddress();
        for (int i = 0; i < 5; i++) {
            RestAssured.given().header("X-Forwarded-For", client).get("/api/v1/sync/connections").then().statusCode(200);
        }
        RestAssured.given().header("X-Forwarded-For", client).get("/api/v1/sync/connections").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .body("type", equalTo("urn:kn:problem:rate-limited"));
        // Another client is not affected.
        Clients.fresh().get("/api/v1/sync/connections").then().statusCode(200);
    }

    /**
     * A burst of more concurrent clients than the Redis client's wait queue held (24) made the check fail with
     * "connection pool too busy", which the gateway took for Redis being down: it let every request through for the
     * next 5 s, so anyone could switch the rate limits off by sending 200 requests at once.
     */
    @Test
    void aBurstOfConcurrentClientsDoesNotSwitchTheRateLimitsOff() throws Exception {
        for (var answer : Clients.burst(200, "/api/v1/sync/connections")) {
            assertEquals(200, answer.statusCode());
        }
        String client = Clients.freshAddress();
        for (int i = 0; i < 5; i++) {
            RestAssured.given().header("X-Forwarded-For", client).get("/api/v1/sync/connections").then().statusCode(200);
        }
        RestAssured.given().header("X-Forwarded-For", client).get("/api/v1/sync/connections").then().statusCode(429);
    }

    @Test
    void aSignedInUserOverTheirRateGets429FromAnyAddress() {
        String token = TestTokens.token("busy-user", "USER", java.util.List.of("pwd"));
        for (int i = 0; i < 20; i++) {
            Clients.fresh().auth().oauth2(token).get("/api/v1/sync/connections").then().statusCode(200);
        }
        Clients.fresh().auth().oauth2(token).get("/api/v1/sync/connections").then()
                .statusCode(429).header("Retry-After", matchesPattern("[1-9]\\d*"));
        // A forged token naming the same user spends nobody's budget but the address's.
        Clients.fresh().auth().oauth2(TestTokens.forged("busy-user")).get("/api/v1/sync/connections").then().statusCode(200);
    }

    @Test
    void theClientAddressComesFromTrustedHopsOnly() throws Exception {
        // Through the trusted load balancer (loopback here): the rightmost untrusted entry, not what the client wrote before it.
        RestAssured.given().header("X-Forwarded-For", "6.6.6.6, 198.51.100.7")
                .get("/api/v1/sync/connections").then()
                .body("headers.x-real-ip", equalTo("198.51.100.7"));
        RestAssured.given().header("X-Forwarded-For", "198.51.100.8, 127.0.0.1")
                .get("/api/v1/sync/connections").then()
                .body("headers.x-real-ip", equalTo("198.51.100.8"));
        // A peer that is not one of our proxies is the client, whatever it claims.
        String reply = rawRequestFrom("127.0.0.2", "GET /api/v1/sync/connections HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Forwarded-For: 198.51.100.9\r\nX-Forwarded-Proto: http\r\nConnection: close\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertTrue(reply.contains("\"x-real-ip\":\"127.0.0.2\""), reply);
        assertTrue(reply.contains("\"x-forwarded-for\":\"127.0.0.2\""), reply);
    }

    private static String rawRequestFrom(String localAddress, String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), RestAssured.port,
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
