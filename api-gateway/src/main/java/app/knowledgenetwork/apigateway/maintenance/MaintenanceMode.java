package app.knowledgenetwork.apigateway.maintenance;

import app.knowledgenetwork.apigateway.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The maintenance switch. Its state lives in Redis so every replica agrees; each replica re-reads it every
 * {@code kn.gateway.maintenance.refresh} and keeps the last state it read, so requests never wait on Redis
 * and a Redis outage does not flip the switch.
 */
@ApplicationScoped
public class MaintenanceMode {

    private static final Logger LOG = Logger.getLogger(MaintenanceMode.class);

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactiveRedis;
    private final String key;
    private final GatewayConfig.Maintenance config;
    private volatile Optional<MaintenanceState> current = Optional.empty();
    private Runnable stop = () -> { };

    public MaintenanceMode(RedisDataSource redis, ReactiveRedisDataSource reactiveRedis, GatewayConfig config,
                           @ConfigProperty(name = "kn.redis.key-prefix") String prefix) {
        this.redis = redis;
        this.reactiveRedis = reactiveRedis;
        this.key = prefix + "gateway:maintenance";
        this.config = config.maintenance();
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        refresh();
        long timer = vertx.setPeriodic(config.refresh().toMillis(), id -> refresh());
        stop = () -> vertx.cancelTimer(timer);
    }

    void stop(@Observes ShutdownEvent event) {
        stop.run();
    }

    private void refresh() {
        try {
            reactiveRedis.value(String.class).get(key).subscribe().with(
                    json -> current = json == null ? Optional.empty() : Optional.of(MaintenanceState.fromJson(json)),
                    failure -> LOG.debugf("maintenance state not refreshed: %s", failure.toString()));
        } catch (RuntimeException closing) {
            LOG.debugf("maintenance state not refreshed: %s", closing.toString());
        }
    }

    /** What this replica last read; never blocks. */
    public Optional<MaintenanceState> current() {
        return current;
    }

    /** Switches maintenance on for every replica. Blocking. */
    public MaintenanceState enable(String message, Integer retryAfterSeconds, String by) {
        MaintenanceState state = new MaintenanceState(
                message == null || message.isBlank() ? "Knowledge Network is down for maintenance." : message.strip(),
                retryAfterSeconds == null ? config.retryAfterSeconds() : retryAfterSeconds,
                Instant.now(), by);
        redis.value(String.class).set(key, state.toJson().encode());
        current = Optional.of(state);
        LOG.infof("maintenance mode ON by %s", by);
        return state;
    }

    /** Switches maintenance off for every replica. Blocking. */
    public void disable(String by) {
        redis.key().del(key);
        current = Optional.empty();
        LOG.infof("maintenance mode OFF by %s", by);
    }
}
