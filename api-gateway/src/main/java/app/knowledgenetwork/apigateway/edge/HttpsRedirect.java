package app.knowledgenetwork.apigateway.edge;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.RouteOrder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Behind the load balancer, a request that reached it over plain HTTP (its {@code X-Forwarded-Proto: http})
 * is sent to the same path over HTTPS with a 301. Only a trusted proxy's word counts: a direct caller
 * (a pod probing the gateway inside the cluster) is never redirected.
 */
@ApplicationScoped
public class HttpsRedirect {

    private final boolean enabled;

    public HttpsRedirect(GatewayConfig config) {
        this.enabled = config.edge().httpsRedirect();
    }

    void register(@Observes Router router) {
        if (enabled) {
            router.route().order(RouteOrder.HTTPS_REDIRECT).handler(this::handle);
        }
    }

    void handle(RoutingContext rc) {
        ClientRequest request = ClientRequest.of(rc);
        boolean forwarded = rc.request().getHeader("X-Forwarded-Proto") != null;
        if (forwarded && request.viaTrustedProxy() && "http".equals(request.proto()) && !request.host().isEmpty()) {
            String host = request.host();
            int colon = host.lastIndexOf(':');
            if (colon > 0 && host.indexOf(']') < colon) {
                host = host.substring(0, colon); // the HTTP port means nothing on HTTPS
            }
            rc.response().setStatusCode(301)
                    .putHeader("Location", "https://" + host + rc.request().uri())
                    .putHeader("Content-Length", "0")
                    .end();
            return;
        }
        rc.next();
    }
}
