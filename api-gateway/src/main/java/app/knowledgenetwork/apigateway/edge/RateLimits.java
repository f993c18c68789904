package app.knowledgenetwork.apigateway.edge;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.RouteOrder;
import app.knowledgenetwork.apigateway.problem.Problem;
import app.knowledgenetwork.common.ratelimit.RateLimit;
import app.knowledgenetwork.common.ratelimit.RedisTokenBucket;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Per-client (and, for a signed-in caller, per-user) token buckets in Redis, so every replica spends
 * one budget. A request over budget gets a 429 with {@code Retry-After}. While Redis is away the
 * gateway lets traffic through rather than locking everyone out; readiness reports Redis down.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    private final RedisDataSource redis;
    private final String prefix;
    private final boolean enabled;
    private final RateLimit perClient;
    private final RateLimit perUser;
    private final CallerSubjects subjects;
    private static final long REDIS_BACKOFF_NANOS = 5_000_000_000L;
    private volatile long unlimitedUntil = System.nanoTime();

    public RateLimits(RedisDataSource redis, GatewayConfig config, CallerSubjects subjects,
                      @ConfigProperty(name = "kn.redis.key-prefix") String prefix) {
        this.redis = redis;
        this.prefix = prefix + "gateway:rate:";
        this.enabled = config.rateLimit().enabled();
        this.perClient = limit(config.rateLimit().perClient());
        this.perUser = limit(config.rateLimit().perUser());
        this.subjects = subjects;
    }

    private static RateLimit limit(GatewayConfig.Limit limit) {
        return new RateLimit(limit.requests(), limit.period(), limit.burst(), 0);
    }

    void register(@Observes Router router) {
        if (enabled) {
            router.route().order(RouteOrder.RATE_LIMIT).handler(this::handle);
        }
    }

    void handle(RoutingContext rc) {
        if (System.nanoTime() < unlimitedUntil) {
            rc.next();
            return;
        }
        ClientRequest request = ClientRequest.of(rc);
        String authorization = rc.request().getHeader("Authorization");
        rc.vertx().<Long>executeBlocking(() -> waitMillis(request.clientAddress(), authorization), false)
                .onComplete(result -> {
                    long wait = result.succeeded() ? result.result() : 0;
                    if (result.failed()) {
                        // Each call would wait for Redis' command timeout: stop asking for a few seconds.
                        unlimitedUntil = System.nanoTime() + REDIS_BACKOFF_NANOS;
                        LOG.warnf("rate limits not checked for 5 s (Redis: %s); requests let through", result.cause().toString());
                    }
                    if (wait <= 0) {
                        rc.next();
                        return;
                    }
                    long seconds = Math.max(1, (wait + 999) / 1000);
                    rc.response().putHeader("Retry-After", Long.toString(seconds));
                    new Problem(429, "rate-limited", "Too many requests",
                            "Request rate limit exceeded; retry after " + seconds + " s").send(rc);
                });
    }

    /** 0 when both the client's and the user's bucket gave a token, else how long to wait. */
    private long waitMillis(String clientAddress, String authorization) {
        long wait = new RedisTokenBucket(redis, prefix + "client:" + clientAddress, perClient).tryAcquire();
        if (wait > 0) {
            return wait;
        }
        String subject = subjects.verifiedSubject(authorization);
        if (subject != null) {
            return new RedisTokenBucket(redis, prefix + "user:" + subject, perUser).tryAcquire();
        }
        return 0;
    }
}
