package app.knowledgenetwork.apigateway;

/**
 * Where each step sits on Quarkus' Vert.x router; lower runs first. The edge runs before anything
 * answers, so every response, refusals included, carries the security headers and a request id.
 */
public final class RouteOrder {
    public static final int EDGE = -1000;
    public static final int HTTPS_REDIRECT = -990;
    public static final int CORS = -980;
    public static final int BODY_LIMIT = -970;
    public static final int MAINTENANCE = -960;
    public static final int RATE_LIMIT = -950;
    public static final int HEALTH = -900;
    public static final int PROXY = -800;
    /** The catch-all route (the web front end): after every other route, before Quarkus' own handlers. */
    public static final int FALLBACK_PROXY = -790;

    private RouteOrder() {
    }
}
