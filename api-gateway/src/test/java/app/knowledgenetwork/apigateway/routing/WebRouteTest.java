package app.knowledgenetwork.apigateway.routing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.FrontendStandIn;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every path no service route or gateway endpoint owns goes to the web front end, as it answered. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class WebRouteTest {

    private static final String GATEWAY_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

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
    void aPageComesFromTheFrontEndWithItsCachingAndTheGatewaysSecurityHeaders() {
        Clients.fresh().header("X-Request-Id", "page-1").get("/w/team/d/doc-1?tab=links").then()
                .statusCode(200)
                .contentType("text/html")
                .body(equalTo("<html><body>page GET /w/team/d/doc-1?tab=links</body></html>"))
                .header("Cache-Control", FrontendStandIn.PAGE_CACHE)
                .header("X-Seen-Request-Id", "page-1")
                .header("X-Request-Id", "page-1")
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Content-Security-Policy", GATEWAY_CSP);
    }

    @Test
    void assetsKeepTheirLongLivedCacheControl() {
        Clients.fresh().get("/_next/static/chunks/app-4f2a.js").then()
                .statusCode(200)
                .contentType("application/javascript")
                .header("Cache-Control", FrontendStandIn.ASSET_CACHE)
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void theRootRedirectOfTheFrontEndReachesTheBrowserUnchanged() {
        Clients.fresh().get("/").then().statusCode(307).header("Location", "/login");
    }

    @Test
    void aPolicyTheFrontEndSetsForItsScriptsIsKept() {
        Clients.fresh().get("/nonce-page").then()
                .statusCode(200)
                .header("Content-Security-Policy", FrontendStandIn.OWN_CSP)
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void headIsForwardedWithoutABody() {
        Clients.fresh().head("/login").then()
                .statusCode(200)
                .header("Cache-Control", FrontendStandIn.PAGE_CACHE)
                .body(emptyString());
    }

    /** The app's sign-in (its /session/* handlers keep the refresh token in an HttpOnly cookie) is posted to. */
    @Test
    void theFrontEndsSessionHandlersTakePosts() {
        Clients.fresh().contentType("application/json").body("{\"email\":\"a@example.test\"}").post("/session/login").then()
                .statusCode(200)
                .body(containsString("page POST /session/login"));
    }

    @Test
    void otherMethodsOnPagesAre405NamingTheAllowedOnes() {
        Clients.fresh().contentType("application/json").body("{}").post("/login").then()
                .statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", "GET, HEAD")
                .body("detail", equalTo("POST is not forwarded to web; it takes GET, HEAD"));
    }

    @Test
    void pathsOwnedByServicesAndTheGatewayNeverReachTheFrontEnd() {
        Clients.fresh().get("/api/v1/sync/jobs").then().statusCode(200).body("uri", equalTo("/api/v1/sync/jobs"));
        Clients.fresh().get("/graphql?query=x").then().statusCode(200).body("uri", equalTo("/graphql?query=x"));
        Clients.fresh().get("/api/v1/health").then().contentType("application/json").body("status", not(emptyString()));
        Clients.fresh().get("/admin/login").then().statusCode(200).body(containsString("<form"))
                .body(not(containsString("page GET")));
        Clients.fresh().get("/admin/static/console.css").then().statusCode(200).body(not(containsString("page GET")));
        Clients.fresh().get("/api/v1/nothing-here").then().statusCode(404).body(not(containsString("page GET")));
        Clients.fresh().get("/q/anything").then().body(not(containsString("page GET")));
    }

    @Test
    void aPageIsStreamedAsTheFrontEndWritesIt() throws Exception {
        CompletableFuture<String> firstPart = new CompletableFuture<>();
        CompletableFuture<String> whole = new CompletableFuture<>();
        StringBuilder received = new StringBuilder();
        vertx.createHttpClient().request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                        .setPort(RestAssured.port).setURI("/streamed")
                        .putHeader("X-Forwarded-For", Clients.freshAddress()))
                .compose(request -> request.send())
                .onFailure(whole::completeExceptionally)
                .onSuccess(response -> {
                    response.handler((Buffer chunk) -> {
                        received.append(chunk.toString());
                        firstPart.complete(received.toString());
                    });
                    response.endHandler(v -> whole.complete(received.toString()));
                });
        // The first part arrives while the front end is still holding the rest back.
        assertEquals("<p>first part</p>\n", firstPart.get(10, TimeUnit.SECONDS));
        assertFalse(whole.isDone());
        Promise<Void> release = FrontendStandIn.STREAM_RELEASE.get();
        vertx.runOnContext(v -> release.complete());
        assertEquals("<p>first part</p>\n<p>second part</p>\n", whole.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theFrontEndIsInTheHealthAggregateAndItsOutageOnlyDegrades() {
        Clients.fresh().get("/api/v1/health").then().body("services.frontend", equalTo("up"));
        FrontendStandIn.UP.set(false);
        try {
            Clients.fresh().get("/api/v1/health").then()
                    .statusCode(200)
                    .body("status", equalTo("degraded"))
                    .body("services.frontend", equalTo("down"));
            Clients.fresh().get("/login").then().statusCode(503).contentType("text/html");
        } finally {
            FrontendStandIn.UP.set(true);
        }
    }
}
