package app.knowledgenetwork.apigateway.edge;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.RouteOrder;
import app.knowledgenetwork.apigateway.problem.Problem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access only for the configured origins: they get the CORS headers (credentials included)
 * and their preflights are answered here; any other origin's preflight is refused with a 403, and its
 * plain requests get no CORS headers, so the browser keeps the answer from the page.
 */
@ApplicationScoped
public class Cors {

    private static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id";

    private final Set<String> origins;

    public Cors(GatewayConfig config) {
        this.origins = Set.copyOf(config.edge().corsOrigins().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.CORS).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        if (origin == null) {
            rc.next();
            return;
        }
        boolean preflight = rc.request().method() == HttpMethod.OPTIONS
                && rc.request().getHeader("Access-Control-Request-Method") != null;
        HttpServerResponse response = rc.response();
        response.headers().add("Vary", "Origin");
        if (!origins.contains(origin)) {
            if (preflight) {
                new Problem(403, "cors-origin-refused", "Origin not allowed",
                        "Cross-origin requests from " + origin + " are not allowed here").send(rc);
            } else {
                rc.next();
            }
            return;
        }
        response.putHeader("Access-Control-Allow-Origin", origin);
        response.putHeader("Access-Control-Allow-Credentials", "true");
        if (preflight) {
            response.setStatusCode(204)
                    .putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .putHeader("Access-Control-Max-Age", "600")
                    .end();
            return;
        }
        response.putHeader("Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
        rc.next();
    }
}
