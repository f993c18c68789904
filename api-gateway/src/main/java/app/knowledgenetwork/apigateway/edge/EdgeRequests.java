package app.knowledgenetwork.apigateway.edge;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.RouteOrder;
import app.knowledgenetwork.common.net.TrustedProxies;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * The first step of every request: establishes the {@link ClientRequest} (client address from trusted
 * hops only, original scheme and host, request id) and puts the security headers on whatever response
 * leaves, proxied or not.
 */
@ApplicationScoped
public class EdgeRequests {

    /** A caller's own request id is kept only if it is short and plain, so it is safe in logs and headers. */
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /**
     * Set on a request whose service's own Content-Security-Policy is kept (the web front end's pages
     * carry per-response script nonces the gateway cannot know); without one the gateway's applies.
     */
    public static final String KEEP_SERVICE_CSP = "kn.keep-service-csp";

    private final TrustedProxies proxies;
    private final GatewayConfig.Edge config;
    private final String consolePolicy;

    public EdgeRequests(GatewayConfig config) {
        this.config = config.edge();
        this.proxies = TrustedProxies.of(config.edge().trustedProxies());
        this.consolePolicy = formsMayGoTo(config.edge().contentSecurityPolicy(), config.google().authorizeUrl());
    }

    /**
     * The policy with {@code target}'s origin added to its {@code form-action}. The console's "connect a Google
     * account" form is answered with a redirect to Google's consent page, and browsers hold a form's redirects to
     * form-action too: with {@code 'self'} alone the flow stopped in the browser, silently.
     */
    static String formsMayGoTo(String policy, URI target) {
        String origin = target.getScheme() + "://" + target.getRawAuthority();
        return Arrays.stream(policy.split(";"))
                .map(String::strip)
                .filter(directive -> !directive.isEmpty())
                .map(directive -> directive.startsWith("form-action ") && !directive.contains(origin)
                        ? directive + " " + origin
                        : directive)
                .collect(Collectors.joining("; "));
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.EDGE).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        boolean trusted = proxies.speaksForClient(peer);
        String client = proxies.clientAddress(peer, request.headers().getAll("X-Forwarded-For"));
        String proto = trusted ? last(request.getHeader("X-Forwarded-Proto"), request.scheme()) : request.scheme();
        // The ALB keeps the Host a browser sent but passes any X-Forwarded-Host along untouched, so that
        // one is the client's word and never used (a redirect built from it would be an open redirect).
        String host = hostOf(request);
        String requestId = request.getHeader("X-Request-Id");
        if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
            request.headers().set("X-Request-Id", requestId);
        }
        new ClientRequest(client, proto.toLowerCase(), host, requestId, peer, trusted).attachTo(rc);

        String id = requestId;
        HttpServerResponse response = rc.response();
        rc.addHeadersEndHandler(v -> {
            var headers = response.headers();
            headers.set("X-Request-Id", id);
            headers.set("Strict-Transport-Security", config.strictTransportSecurity());
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            if (!(Boolean.TRUE.equals(rc.get(KEEP_SERVICE_CSP)) && headers.contains("Content-Security-Policy"))) {
                headers.set("Content-Security-Policy",
                        request.path() != null && request.path().startsWith("/admin") ? consolePolicy : config.contentSecurityPolicy());
            }
            headers.set("Referrer-Policy", config.referrerPolicy());
        });
        rc.next();
    }

    private static String hostOf(HttpServerRequest request) {
        return request.authority() == null ? "" : request.authority().toString();
    }

    /** The value the nearest proxy added to a possibly comma-joined header. */
    private static String last(String header, String fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        int comma = header.lastIndexOf(',');
        return (comma < 0 ? header : header.substring(comma + 1)).trim();
    }
}
