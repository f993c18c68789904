package app.knowledgenetwork.apigateway.routing;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.RouteOrder;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;

/**
 * Mounts one route per {@code kn.gateway.routes.*} entry on Quarkus' router, each forwarding to its
 * service's {@link ServiceProxy}. One HTTP client (keep-alive pool) is shared by all routes.
 */
@ApplicationScoped
public class ProxyRoutes {

    static final String CATCH_ALL = "/*";

    private final GatewayConfig config;
    private final Map<String, ServiceProxy> proxies = new HashMap<>();

    public ProxyRoutes(GatewayConfig config) {
        this.config = config;
        for (var route : config.routes().entrySet()) {
            if (!config.services().containsKey(route.getValue().service())) {
                throw new IllegalStateException("kn.gateway.routes." + route.getKey() + ".service names '"
                        + route.getValue().service() + "', which is not one of kn.gateway.services: "
                        + config.services().keySet());
            }
            RouteFilter.validate(route.getKey(), route.getValue());
        }
    }

    void register(@Observes Router router, Vertx vertx, MeterRegistry meters) {
        // Idle connections are dropped after 4 s, before the upstream drops them: a request sent on a connection
        // as the other side closed it failed as a 502 (a page's script chunk, and with it the page: the fresh-clone
        // CI's browser test, three times). The web app keeps them 65 s (KEEP_ALIVE_TIMEOUT; Node's default is 5 s,
        // and the pool's cleaner only runs every second); what still crosses a close is sent again if it is safe
        // to (ServiceProxy).
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(4)
                        .setConnectTimeout(2000)
                        .setMaxWebSockets(10_000),
                new PoolOptions().setHttp1MaxSize(200));
        long maxBodyBytes = config.edge().maxBodySize().asLongValue();
        config.services().forEach((name, service) -> proxies.put(name, new ServiceProxy(name, service, maxBodyBytes, client, meters)));
        config.routes().forEach((name, route) -> {
            ServiceProxy proxy = proxies.get(route.service());
            // A catch-all must not shadow the other routes, whatever order the configuration lists them in.
            int order = CATCH_ALL.equals(route.path()) ? RouteOrder.FALLBACK_PROXY : RouteOrder.PROXY;
            router.route(route.path()).order(order).handler(new RouteFilter(name, route)
                    .then(proxy::handle));
        });
    }

    /** The breaker of a service, for tests and the console. */
    public CircuitBreaker.State breakerState(String service) {
        return proxies.get(service).breaker().state();
    }
}
