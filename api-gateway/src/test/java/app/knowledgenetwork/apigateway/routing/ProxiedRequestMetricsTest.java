package app.knowledgenetwork.apigateway.routing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.testsupport.ManagementInterface;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the error-rate alert and the latency panel read for the gateway, http_server_requests_seconds, keeps counting
 * however many documents, jobs and build assets pass through: their paths share one uri label per route. Micrometer
 * refuses new uri values past 100, and a request on a path after that was not counted at all.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class ProxiedRequestMetricsTest {

    private static final String REQUESTS = "http_server_requests_seconds_count";
    private static final Pattern URI = Pattern.compile("uri=\"([^\"]*)\"");

    @Test
    void pathsWithIdsAndHashesCountUnderTheirRoute() {
        double assets = count("/_next/static/*");
        double collab = count("/collab/*");
        double sync = count("/api/v1/sync/*");
        int loads = 120; // more distinct paths than Micrometer accepts uri values
        for (int i = 0; i < loads; i++) {
            Clients.fresh().get("/_next/static/chunks/" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + ".js")
                    .then().statusCode(200);
        }
        for (int i = 0; i < 3; i++) {
            Clients.fresh().get("/collab/" + UUID.randomUUID()).then().statusCode(200);
            Clients.fresh().get("/api/v1/sync/jobs/" + UUID.randomUUID()).then().statusCode(200);
        }
        // Then a path the metric has never seen: still counted.
        Clients.fresh().get("/api/v1/sync/connections/" + UUID.randomUUID() + "/jobs").then().statusCode(200);

        assertTrue(count("/_next/static/*") >= assets + loads, "asset loads under /_next/static/*: " + count("/_next/static/*"));
        assertTrue(count("/collab/*") >= collab + 3, "document paths under /collab/*: " + count("/collab/*"));
        assertTrue(count("/api/v1/sync/*") >= sync + 4, "sync paths under /api/v1/sync/*: " + count("/api/v1/sync/*"));
        Set<String> uris = uris();
        assertTrue(uris.size() < 50, "uri values stay few: " + uris);
    }

    private static double count(String uri) {
        return ManagementInterface.metric(REQUESTS, "uri=\"" + uri + "\"", "status=\"200\"");
    }

    private static Set<String> uris() {
        String body = RestAssured.get(ManagementInterface.url("/q/metrics")).asString();
        return body.lines().filter(line -> line.startsWith(REQUESTS + "{"))
                .map(URI::matcher).filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
    }
}
