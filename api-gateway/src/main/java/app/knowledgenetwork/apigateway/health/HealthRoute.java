package app.knowledgenetwork.apigateway.health;

import app.knowledgenetwork.apigateway.RouteOrder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /api/v1/health}: the platform's health for operators and deploy checks (docs/DEPLOYMENT.md):
 * {@code {"status":"healthy|degraded|unhealthy","services":{"sync_service":"up","database":"up",...}}},
 * 200 while the platform serves (healthy, degraded), 503 when it does not.
 */
@ApplicationScoped
public class HealthRoute {

    public static final String PATH = "/api/v1/health";

    private final HealthAggregate aggregate;

    public HealthRoute(HealthAggregate aggregate) {
        this.aggregate = aggregate;
    }

    void register(@Observes Router router) {
        router.get(PATH).order(RouteOrder.HEALTH).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        aggregate.check().onComplete(result -> {
            HealthReport report = result.result();
            rc.response().setStatusCode(report.httpStatus())
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(report.toJson().encode());
        });
    }
}
