package app.knowledgenetwork.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every service that uses Redis promises its orchestrator: readiness goes DOWN within 10 s of
 * Redis going away (so traffic stops coming) and UP within 10 s of its return (so it comes back
 * without a restart). A service's test extends this, annotated with {@code @QuarkusTest} and
 * {@code @WithTestResource(DisposableRedisTestResource.class)} plus the resources of its other
 * dependencies.
 */
public abstract class RedisOutageReadinessContract {

    private static final Duration PROMISE = Duration.ofSeconds(10);

    @Test
    void readinessFollowsRedisDownAndBackUp() {
        awaitReadiness(200, "while Redis is up");
        DisposableRedisTestResource.redis().stop();
        awaitReadiness(503, "after Redis stopped");
        DisposableRedisTestResource.redis().start();
        awaitReadiness(200, "after Redis came back");
    }

    private static void awaitReadiness(int expectedStatus, String when) {
        String url = ManagementInterface.url("/q/health/ready");
        Instant deadline = Instant.now().plus(PROMISE);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = RestAssured.given().get(url).statusCode();
            if (last == expectedStatus) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("readiness " + when + " was " + last + ", not " + expectedStatus + ", for " + PROMISE.toSeconds() + " s");
    }
}
