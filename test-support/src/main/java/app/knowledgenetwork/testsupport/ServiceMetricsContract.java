package app.knowledgenetwork.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service promises its alerts and dashboards: each metric that {@code k8s/base/monitoring/metric-owners.tsv}
 * assigns to it (by {@code quarkus.application.name}) is on its {@code /q/metrics} under exactly that name, so no
 * alert waits on a series that never comes and no panel stays empty. A service's test extends this, annotated with
 * {@code @QuarkusTest} and the test resources of its dependencies.
 *
 * <p>The service's own meters are registered at start, so a quiet service shows them at 0. Two kinds exist only once
 * something happened, as in production after the first minutes: the HTTP server's (per route, after a request) and
 * the garbage collector's pauses (after a collection); the test makes both happen. A meter that only real work
 * creates is made by {@link #exerciseLazyMeters()}.
 */
public abstract class ServiceMetricsContract {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    /** Does what makes the service create meters that exist only after some work; nothing by default. */
    protected void exerciseLazyMeters() {
    }

    @Test
    void exposesEveryMetricTheAlertsAndDashboardsNameForIt() throws InterruptedException {
        String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        Set<String> expected = MetricOwners.read().metricsOf(service);
        assertFalse(expected.isEmpty(), MetricOwners.FILE + " lists no metric for " + service + ", yet every service serves HTTP on a JVM");

        // Any answer will do: the request is what creates http_server_requests_seconds.
        RestAssured.given().redirects().follow(false).get("/metrics-contract/probe");
        System.gc();
        exerciseLazyMeters();

        Set<String> missing = missing(expected);
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            missing = missing(expected);
        }
        assertEquals(Set.of(), missing, service + " does not expose what " + MetricOwners.FILE + " says it does");
    }

    private static Set<String> missing(Set<String> expected) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(ManagementInterface.seriesNames());
        return missing;
    }
}
