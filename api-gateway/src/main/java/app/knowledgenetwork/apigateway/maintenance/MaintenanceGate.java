package app.knowledgenetwork.apigateway.maintenance;

import app.knowledgenetwork.apigateway.RouteOrder;
import app.knowledgenetwork.apigateway.health.HealthRoute;
import app.knowledgenetwork.apigateway.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * While maintenance is on, answers every request with a 503 and {@code Retry-After}: a small page for
 * browsers, problem+json for API clients. Health keeps answering (deploy checks and monitors), and so do
 * the admin console and the admin API, so that admins can switch it off again.
 */
@ApplicationScoped
public class MaintenanceGate {

    private final MaintenanceMode mode;

    public MaintenanceGate(MaintenanceMode mode) {
        this.mode = mode;
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.MAINTENANCE).handler(this::handle);
    }

    static boolean exempt(String path) {
        return path.equals(HealthRoute.PATH) || path.equals("/admin") || path.startsWith("/admin/")
                || path.startsWith("/api/v1/admin/");
    }

    void handle(RoutingContext rc) {
        Optional<MaintenanceState> state = mode.current();
        if (state.isEmpty() || exempt(rc.request().path())) {
            rc.next();
            return;
        }
        MaintenanceState s = state.get();
        rc.response().putHeader("Retry-After", Integer.toString(s.retryAfterSeconds()));
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("text/html")) {
            rc.response().setStatusCode(503)
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(page(s));
            return;
        }
        new Problem(503, "maintenance", "Down for maintenance", s.message()).send(rc);
    }

    private static String page(MaintenanceState s) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Down for maintenance</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"></head>
                <body><main><h1>Down for maintenance</h1><p>%s</p>
                <p>Please try again in about %d minutes.</p></main></body></html>
                """.formatted(escape(s.message()), Math.max(1, (s.retryAfterSeconds() + 59) / 60));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
