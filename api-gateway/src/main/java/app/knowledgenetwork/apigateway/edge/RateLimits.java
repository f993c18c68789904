package app.knowledgenetwork.apigateway.edge;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.RouteOrder;
import app.knowledgenetwork.apigateway.problem.Problem;
import app.knowledgenetwork.common.ratelimit.RateLimit;
import app.knowledgenetwork.common.ratelimit.ReactiveTokenBuckets;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.time.Duration;
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

    private final TokenLeases leases;
    /** The blocking client's command timeout bounded each check; the reactive client has none of its own. */
    private final Duration redisTimeout;
    private final String prefix;
    private final boolean enabled;
    private final RateLimit perClient;
    private final RateLimit perUser;
    private final CallerSubjects subjects;
    private static final long REDIS_BACKOFF_NANOS = 5_000_000_000L;
    private static final long SWEEP_MILLIS = 5_000;
    private volatile long unlimitedUntil = System.nanoTime();

    public RateLimits(ReactiveRedisDataSource redis, GatewayConfig config, CallerSubjects subjects,
                      @ConfigProperty(name = "kn.redis.key-prefix") String prefix,
                      @ConfigProperty(name = "quarkus.redis.timeout") Duration redisTimeout) {
        this.leases = new TokenLeases(new ReactiveTokenBuckets(redis), config.rateLimit().leaseWindow(),
                config.rateLimit().maxLease());
        this.redisTimeout = redisTimeout;
        this.prefix = prefix + "gateway:rate:";
        this.enabled = config.rateLimit().enabled();
        this.perClient = limit(config.rateLimit().perClient());
        this.perUser = limit(config.rateLimit().perUser());
        this.subjects = subjects;
    }

    private static RateLimit limit(GatewayConfig.Limit limit) {
        return new RateLimit(limit.requests(), limit.period(), limit.burst(), 0);
    }

    void register(@Observes Router router, io.vertx.core.Vertx vertx) {
        if (enabled) {
            router.route().order(RouteOrder.RATE_LIMIT).handler(this::handle);
            vertx.setPeriodic(SWEEP_MILLIS, ignored -> leases.sweep(SWEEP_MILLIS * 1_000_000L));
        }
    }

    void handle(RoutingContext rc) {
        if (System.nanoTime() < unlimitedUntil) {
            rc.next();
            return;
        }
        String authorization = rc.request().getHeader("Authorization");
        String client = prefix + "client:" + ClientRequest.of(rc).clientAddress();
        boolean bearer = CallerSubjects.isBearer(authorization);
        boolean spent = leases.spendLeased(client, perClient);
        if (spent && !bearer) {
            rc.next();
            return;
        }
        // Redis answers on its client's event loop; the request carries on on its own.
        Context context = rc.vertx().getOrCreateContext();
        (spent ? TokenLeases.NO_WAIT : leases.take(client, perClient))
                .flatMap(wait -> wait > 0 || !bearer
                        ? Uni.createFrom().item(wait)
                        : userWait(rc, authorization))
                .ifNoItem().after(redisTimeout).fail()
                .subscribe().with(
                        wait -> context.runOnContext(ignored -> answer(rc, wait)),
                        failure -> context.runOnContext(ignored -> unchecked(rc, failure)));
    }

    /**
     * The signed-in caller's own bucket. Verifying the token may fetch knowledge-api's keys (blocking), so
     * only requests with a bearer token go through a worker thread; anonymous ones never leave the event loop.
     */
    private Uni<Long> userWait(RoutingContext rc, String authorization) {
        return Uni.createFrom().completionStage(
                        rc.vertx().<String>executeBlocking(() -> subjects.verifiedSubject(authorization), false)
                                .toCompletionStage())
                .flatMap(subject -> subject == null
                        ? Uni.createFrom().item(0L)
                        : leases.acquire(prefix + "user:" + subject, perUser));
    }

    /**
     * Redis did not answer the check. A full wait queue of the Redis client means this replica is flooded while
     * Redis answers: the request is shed (503), and the limits stay on, since letting everything through would hand
     * the flood exactly what the limits are for. Anything else (a timeout, a lost connection) means Redis is away:
     * each call would wait for its command timeout, so the gateway stops asking for a few seconds and lets requests
     * through, rather than taking the platform down with Redis.
     */
    private void unchecked(RoutingContext rc, Throwable failure) {
        if (failure instanceof ConnectionPoolTooBusyException) {
            rc.response().putHeader("Retry-After", "1");
            new Problem(503, "overloaded", "Too busy", "The gateway is handling too many requests at once; retry after 1 s").send(rc);
            return;
        }
        unlimitedUntil = System.nanoTime() + REDIS_BACKOFF_NANOS;
        LOG.warnf("rate limits not checked for 5 s (Redis: %s); requests let through", failure.toString());
        rc.next();
    }

    private static void answer(RoutingContext rc, long wait) {
        if (wait <= 0) {
            rc.next();
            return;
        }
        long seconds = Math.max(1, (wait + 999) / 1000);
        rc.response().putHeader("Retry-After", Long.toString(seconds));
        new Problem(429, "rate-limited", "Too many requests",
                "Request rate limit exceeded; retry after " + seconds + " s").send(rc);
    }
}
