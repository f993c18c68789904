package app.knowledgenetwork.knowledgeapi.auth;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Access tokens that must stop working before they expire: those of a user disabled by an admin, or who signed out
 * everywhere or turned MFA off. Each such moment is a per-user "not before" in Redis, living as long as an access
 * token can; every replica reads them all once a second into memory, so checking a token costs no Redis call (the
 * hot reads are answered on the event loop). The replica that revokes knows at once; the others within a second.
 */
@ApplicationScoped
public class AccessRevocations {
    private static final long REFRESH_MILLIS = 1_000;

    private final ValueCommands<String, Long> values;
    private final RedisDataSource redis;
    private final String prefix;
    private final long keepSeconds;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Long> notBeforeMillis = new ConcurrentHashMap<>();
    private ScheduledExecutorService reader;

    public AccessRevocations(RedisDataSource redis, @ConfigProperty(name = "kn.redis.key-prefix") String prefix, AuthConfig config) {
        this.redis = redis;
        this.values = redis.value(Long.class);
        this.prefix = prefix + "auth:not-before:";
        this.keepSeconds = config.accessTokenTtl().toSeconds() + 60;
    }

    /** Every access token of the user issued until now stops working, on every replica. */
    public void revokeAllOf(UUID userId) {
        long now = clock.millis();
        notBeforeMillis.merge(userId.toString(), now, Math::max);
        values.setex(prefix + userId, keepSeconds, now);
    }

    /** Whether a token of this subject issued at that moment (epoch milliseconds) was revoked since. */
    public boolean revoked(String subject, long issuedAtMillis) {
        Long notBefore = notBeforeMillis.get(subject);
        return notBefore != null && issuedAtMillis <= notBefore;
    }

    void start(@Observes StartupEvent start) {
        reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "access-revocations");
            t.setDaemon(true);
            return t;
        });
        reader.scheduleWithFixedDelay(this::readAll, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (reader != null) {
            reader.shutdownNow();
        }
    }

    /** Few keys (revocations of the last quarter of an hour): a scan of them all is cheap. */
    private void readAll() {
        try {
            var keys = redis.key().scan(new KeyScanArgs().match(prefix + "*").count(1000));
            Map<String, Long> seen = new ConcurrentHashMap<>();
            for (String key : keys.toIterable()) {
                Long at = values.get(key);
                if (at != null) {
                    seen.put(key.substring(prefix.length()), at);
                }
            }
            seen.forEach((user, at) -> notBeforeMillis.merge(user, at, Math::max));
            long oldest = clock.millis() - keepSeconds * 1000;
            notBeforeMillis.entrySet().removeIf(e -> e.getValue() < oldest);
        } catch (RuntimeException e) {
            // Redis away: what is known stays known; a new revocation elsewhere reaches this replica when Redis is back.
            Log.debugf("could not read access revocations: %s", e.toString());
        }
    }
}
