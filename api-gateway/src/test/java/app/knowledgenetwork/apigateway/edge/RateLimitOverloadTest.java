package app.knowledgenetwork.apigateway.edge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica flooded past its Redis client's queue sheds requests with 503 and keeps its rate limits on. (With a
 * queue of one, the burst below overflows it every time.)
 */
@QuarkusTest
@TestProfile(RateLimitOverloadTest.TinyRedisQueue.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class RateLimitOverloadTest {
    public static class TinyRedisQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.max-pool-size", "1", "quarkus.redis.max-pool-waiting", "1");
        }
    }

    @Test
    void aFloodIsShedWith503AndTheLimitsStayOn() throws Exception {
        Map<Integer, Integer> statuses = new HashMap<>();
        for (HttpResponse<String> r : Clients.burst(100, "/api/v1/sync/connections")) {
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 503) {
                assertTrue(r.headers().firstValue("Retry-After").isPresent(), r.headers().toString());
                assertTrue(r.body().contains("urn:kn:problem:overloaded"), r.body());
            }
        }
        assertTrue(statuses.getOrDefault(503, 0) > 0 && statuses.getOrDefault(200, 0) > 0, "statuses of the burst: " + statuses);
        // Right after the flood a client over its limit is still refused (the limits were not switched off).
        String client = Clients.freshAddress();
        for (int i = 0; i < 5; i++) {
            RestAssured.given().header("X-Forwarded-For", client).get("/api/v1/sync/connections").then().statusCode(200);
        }
        RestAssured.given().header("X-Forwarded-For", client).get("/api/v1/sync/connections").then().statusCode(429);
    }
}
