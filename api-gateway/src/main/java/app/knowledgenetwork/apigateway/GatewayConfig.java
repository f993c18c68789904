package app.knowledgenetwork.apigateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the gateway is told by its deployment; validated at start (a missing URL stops it, naming the key). */
@ConfigMapping(prefix = "kn.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by the key /api/v1/health reports them under (sync_service, knowledge_api...). */
    Map<String, Downstream> services();

    /** Path patterns to the service that answers them, by route name. */
    Map<String, Route> routes();

    Edge edge();

    Health health();

    RateLimits rateLimit();

    Maintenance maintenance();

    Google google();

    /** The Google connect flow (OAuth 2.0 for web server applications) that gives a Keep connection a user's refresh token. */
    interface Google {
        /** The OAuth client ({@code GOOGLE_OAUTH_CLIENT_ID}); the flow is off without one. keep-extractor must use the same client. */
        Optional<String> oauthClientId();

        Optional<String> oauthClientSecret();

        /** Google's authorization endpoint (the emulator's locally). */
        URI authorizeUrl();

        /** Google's token endpoint. */
        URI tokenUrl();

        /** This gateway's {@code /oauth/callback} as registered with the client, e.g. {@code https://admin.example.com/oauth/callback}. */
        URI redirectUri();

        @WithDefault("https://www.googleapis.com/auth/keep.readonly")
        String scope();

        /** How long a started flow may take (consent included) before its callback is refused. */
        @WithDefault("10m")
        Duration flowTimeout();
    }

    interface Downstream {
        /** Where its HTTP API listens ({@code SYNC_SERVICE_URL}...). */
        URI url();

        /** Its readiness endpoint on the management port ({@code SYNC_SERVICE_HEALTH_URL}...). */
        URI healthUrl();

        /** A critical service that is not ready makes the whole platform unhealthy (503); any other only degraded. */
        @WithDefault("false")
        boolean critical();

        /** How long the service may stay silent on a proxied request before the client gets a 504. */
        @WithDefault("30s")
        Duration timeout();

        /** Consecutive failures (refused, reset, timed out) that open the breaker. */
        @WithDefault("5")
        int breakerFailures();

        /** How long an open breaker answers 503 before letting one trial request through. */
        @WithDefault("10s")
        Duration breakerOpenFor();
    }

    interface Route {
        /** A Vert.x path: exact ({@code /graphql}) or a prefix ending in {@code /*}. */
        String path();

        /** A key of {@link #services()}. */
        String service();

        /**
         * Path prefixes a catch-all route ({@code /*}) leaves to the gateway's own endpoints and the other
         * routes, each matching itself and anything below it ({@code /admin} matches {@code /admin/users}).
         */
        Optional<List<String>> except();

        /** The methods it forwards (GET, HEAD...); any other gets 405. Every method when unset. */
        Optional<List<String>> methods();
    }

    interface Edge {
        /** Proxies whose forwarded headers are believed (the ALB's subnets), as CIDRs. */
        List<String> trustedProxies();

        /** Answer a request that reached a trusted proxy over plain HTTP with a 301 to HTTPS. */
        @WithDefault("true")
        boolean httpsRedirect();

        @WithDefault("max-age=31536000; includeSubDomains")
        String strictTransportSecurity();

        @WithDefault("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
        String contentSecurityPolicy();

        @WithDefault("strict-origin-when-cross-origin")
        String referrerPolicy();

        /** Browser origins allowed to call the gateway cross-origin; none by default. */
        Optional<List<String>> corsOrigins();

        /** Largest request body accepted (413 above it). */
        @WithDefault("10M")
        MemorySize maxBodySize();
    }

    interface Health {
        /** How long one service's readiness may take before it counts as down; bounds the whole answer. */
        @WithDefault("2s")
        Duration timeout();
    }

    interface RateLimits {
        @WithDefault("true")
        boolean enabled();

        /** Requests per period and burst per client address. */
        Limit perClient();

        /** Requests per period and burst per signed-in user (the access token's subject). */
        Limit perUser();

        /**
         * How long tokens taken ahead of need stay with this replica; a busy key takes as many per Redis call as it
         * asked for in the last such window.
         */
        @WithDefault("100ms")
        Duration leaseWindow();

        /** The most tokens one Redis call takes ahead for a key (never more than an eighth of its burst); 1 turns leases off. */
        @WithDefault("32")
        int maxLease();
    }

    interface Limit {
        int requests();

        Duration period();

        int burst();
    }

    interface Maintenance {
        /** How often each replica re-reads the switch from Redis. */
        @WithDefault("1s")
        Duration refresh();

        /** Retry-After sent while in maintenance, unless the admin gave one. */
        @WithDefault("300")
        int retryAfterSeconds();
    }
}
