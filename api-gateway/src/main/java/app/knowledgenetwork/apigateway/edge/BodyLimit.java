package app.knowledgenetwork.apigateway.edge;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.RouteOrder;
import app.knowledgenetwork.apigateway.problem.Problem;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared body is larger than {@code kn.gateway.edge.max-body-size} with a 413,
 * before any byte of it is read or forwarded.
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;

    public BodyLimit(GatewayConfig config) {
        this.maxBytes = config.edge().maxBodySize().asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.BODY_LIMIT).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > maxBytes) {
                rc.response().putHeader("Connection", "close");
                new Problem(413, "body-too-large", "Request body too large",
                        "The request body has " + length.trim() + " bytes; at most " + maxBytes + " are accepted").send(rc);
                return;
            }
        }
        rc.next();
    }
}
