package app.knowledgenetwork.testsupport;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.restassured.RestAssured;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every service promises its orchestrator while its real dependencies answer: ready, every
 * check of its dependencies UP, metrics on the management port. A service's test extends this,
 * annotated with {@code @QuarkusTest} and the test resources of its dependencies.
 */
public abstract class ServiceReadinessContract {

    /**
     * The names of the readiness checks the service must report, one per dependency it cannot serve without.
     * Exactly these: a dropped check would otherwise leave "every check UP" true of an empty list.
     */
    protected abstract Set<String> readinessChecks();

    @Test
    void readyWhenEveryDependencyAnswers() {
        RestAssured.get(ManagementInterface.url("/q/health/ready")).then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", containsInAnyOrder(readinessChecks().toArray()))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void aliveAndServingPrometheusMetricsOnTheManagementPort() {
        RestAssured.get(ManagementInterface.url("/q/health/live")).then().statusCode(200);
        RestAssured.get(ManagementInterface.url("/q/metrics")).then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
