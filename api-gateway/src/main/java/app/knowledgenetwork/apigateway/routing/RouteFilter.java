package app.knowledgenetwork.apigateway.routing;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.edge.EdgeRequests;
import app.knowledgenetwork.apigateway.problem.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a route lets through to its service: a catch-all's exceptions (paths the gateway and the other
 * routes own) go on to them, a method the route does not forward gets 405 naming the ones it does.
 */
final class RouteFilter {

    private final String name;
    private final List<String> except;
    private final Set<String> methods;
    private final boolean catchAll;

    RouteFilter(String name, GatewayConfig.Route route) {
        this.name = name;
        this.except = route.except().orElse(List.of()).stream().map(RouteFilter::withoutTrailingSlash).toList();
        this.methods = route.methods().map(list -> list.stream().map(m -> m.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new))).orElse(null);
        this.catchAll = ProxyRoutes.CATCH_ALL.equals(route.path());
    }

    /** Stops the gateway at start on an exception that could never match, naming the key. */
    static void validate(String name, GatewayConfig.Route route) {
        for (String prefix : route.except().orElse(List.of())) {
            if (!prefix.startsWith("/")) {
                throw new IllegalStateException("kn.gateway.routes." + name + ".except: '" + prefix
                        + "' is not a path (it must start with /)");
            }
        }
    }

    Handler<RoutingContext> then(Handler<RoutingContext> proxy) {
        return rc -> {
            String path = rc.normalizedPath();
            if (excepted(path)) {
                rc.next();
                return;
            }
            if (methods != null && !methods.contains(rc.request().method().name())) {
                rc.response().putHeader("Allow", String.join(", ", methods));
                new Problem(405, "method-not-allowed", "Method not allowed",
                        rc.request().method().name() + " is not forwarded to " + name + "; it takes "
                                + String.join(", ", methods)).send(rc);
                return;
            }
            if (catchAll) {
                // The front end knows what its pages need (script nonces...): a policy it sends is kept.
                rc.put(EdgeRequests.KEEP_SERVICE_CSP, true);
            }
            proxy.handle(rc);
        };
    }

    private boolean excepted(String path) {
        for (String prefix : except) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private static String withoutTrailingSlash(String prefix) {
        String p = prefix.trim();
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
