package app.knowledgenetwork.knowledgeapi.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A read-through cache in Redis that never keeps a value a write has made stale. Each cache key is a hash holding a
 * generation ({@code g}) and entries stamped with the time they were filled. A reader notes the generation before it
 * reads PostgreSQL and stores what it read only if the generation is still the same (one Lua script); a write bumps
 * the generation and drops the entries once it has committed. So a reader that read the old row just before a commit
 * can never put it back after the commit's invalidation, whatever the interleaving. An entry is served until its
 * expiry, at most the TTL after it was filled, so a lost invalidation costs at most the TTL. When Redis fails, reads go to PostgreSQL and the cache is
 * skipped for a short pause instead of making every request wait on it.
 */
@ApplicationScoped
public class RedisCache {
    private static final Logger LOG = Logger.getLogger(RedisCache.class);
    private static final String GENERATION = "g";

    /** KEYS[1] hash; ARGV[1] generation read, ARGV[2] field, ARGV[3] stamped value, ARGV[4] key TTL (ms). */
    static final String FILL = """
            local g = redis.call('HGET', KEYS[1], 'g') or '0'
            if g ~= ARGV[1] then
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """;

    /** KEYS[1] hash; ARGV[1] key TTL (ms). Bumps the generation and drops every entry. */
    static final String INVALIDATE = """
            local g = redis.call('HINCRBY', KEYS[1], 'g', 1)
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'g', g)
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return g
            """;

    private final ReactiveRedisDataSource redis;
    private final CacheConfig config;
    private final String prefix;
    private final MeterRegistry meters;
    private final AtomicLong pausedUntil = new AtomicLong();

    public RedisCache(ReactiveRedisDataSource redis, CacheConfig config, @ConfigProperty(name = "kn.redis.key-prefix") String prefix,
                      MeterRegistry meters) {
        this.redis = redis;
        this.config = config;
        this.prefix = prefix + "cache:";
        this.meters = meters;
    }

    /** What a lookup found: a fresh value or null, and the generation to fill with (-1: do not fill). */
    public record Lookup(long generation, String value) {
        static final Lookup UNAVAILABLE = new Lookup(-1, null);

        public boolean hit() {
            return value != null;
        }
    }

    /** The full Redis key of a cache name (e.g. {@code document:<id>}), under {@code kn.redis.key-prefix}. */
    public String key(String name) {
        return prefix + name;
    }

    public Lookup lookup(String name, String field) {
        return lookupAsync(name, field).await().indefinitely();
    }

    /** {@link #lookup} without blocking the calling thread: for readers on the event loop. Never fails. */
    public Uni<Lookup> lookupAsync(String name, String field) {
        Uni<Lookup> lookup = !usable() ? Uni.createFrom().item(Lookup.UNAVAILABLE)
                : timed(redis.hash(String.class).hmget(key(name), GENERATION, field))
                        .map(found -> {
                            String generation = found.get(GENERATION);
                            return new Lookup(generation == null ? 0 : Long.parseLong(generation), fresh(found.get(field)));
                        })
                        .onFailure().recoverWithItem(e -> {
                            failed("read", e);
                            return Lookup.UNAVAILABLE;
                        });
        return lookup.invoke(found -> {
            String result = found.hit() ? "hit" : found.generation() < 0 ? "unavailable" : "miss";
            meters.counter("kn.cache.lookups", "cache", name.substring(0, Math.max(0, name.indexOf(':'))), "result", result).increment();
        });
    }

    /** Stores a value read from PostgreSQL, unless a write has invalidated the key since {@code lookup}. */
    public void fill(String name, String field, Lookup lookup, String value) {
        if (lookup.generation() < 0 || !usable()) {
            return;
        }
        try {
            await(redis.execute("EVAL", FILL, "1", key(name), Long.toString(lookup.generation()), field,
                    expiry() + "|" + value, Long.toString(keyTtl())));
        } catch (RuntimeException e) {
            failed("fill", e);
        }
    }

    /**
     * Drops every entry of the key, also those a concurrent reader is about to store. Always tried, even while
     * reads skip the cache: it is what keeps the cache honest when Redis comes back.
     */
    public void invalidate(String name) {
        if (!config.enabled()) {
            return;
        }
        try {
            await(redis.execute("EVAL", INVALIDATE, "1", key(name), Long.toString(keyTtl())));
        } catch (RuntimeException e) {
            failed("invalidation of " + key(name) + " (a cached value may be stale for up to " + config.ttl().toSeconds() + " s)", e);
        }
    }

    /**
     * Between 80 and 100 % of the TTL from now. Entries filled together (a cold cache after a deploy, a burst of new
     * readers) would otherwise expire in the same second and send all their readers to PostgreSQL at once.
     */
    private long expiry() {
        long ttl = config.ttl().toMillis();
        return System.currentTimeMillis() + ttl - ThreadLocalRandom.current().nextLong(ttl / 5 + 1);
    }

    private String fresh(String stamped) {
        if (stamped == null) {
            return null;
        }
        int bar = stamped.indexOf('|');
        long expiresAt = Long.parseLong(stamped.substring(0, bar));
        return System.currentTimeMillis() >= expiresAt ? null : stamped.substring(bar + 1);
    }

    /** The hash outlives its entries a little so the generation survives between fills. */
    private long keyTtl() {
        return config.ttl().toMillis() * 2;
    }

    private boolean usable() {
        return config.enabled() && System.currentTimeMillis() >= pausedUntil.get();
    }

    private <T> T await(Uni<T> command) {
        return timed(command).await().indefinitely();
    }

    private <T> Uni<T> timed(Uni<T> command) {
        return command.ifNoItem().after(config.timeout()).fail();
    }

    private void failed(String what, Throwable e) {
        long now = System.currentTimeMillis();
        long previous = pausedUntil.getAndSet(now + config.pauseAfterFailure().toMillis());
        if (previous <= now) {
            LOG.warnf("Redis cache %s failed (%s); reading from PostgreSQL for %d s", what, e.getClass().getSimpleName(),
                    config.pauseAfterFailure().toSeconds());
        }
    }
}
