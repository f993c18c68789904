package app.knowledgenetwork.knowledgeapi.cache;

import app.knowledgenetwork.common.cache.KnowledgeCacheInvalidation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.redis.client.Command;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A read-through cache in Redis that never keeps a value a write has made stale. Each cache key is a hash holding a
 * generation ({@code g}) and entries stamped with their expiry. A reader notes the generation before it reads
 * PostgreSQL and stores what it read only if the generation is still the same (one Lua script); a write bumps the
 * generation and drops the entries once it has committed. So a reader that read the old row just before a commit can
 * never put it back after the commit's invalidation, whatever the interleaving. An invalidation that fails is retried
 * until Redis takes it, and the TTL bounds what one lost with its replica can cost. When Redis fails, reads go to
 * PostgreSQL and the cache is skipped for a short pause instead of making every request wait on it.
 */
@ApplicationScoped
public class RedisCache {
    private static final Logger LOG = Logger.getLogger(RedisCache.class);
    private static final String GENERATION = "g";

    /**
     * KEYS[1] hash; ARGV[1] generation read, ARGV[2] field, ARGV[3] stamped value, ARGV[4] key TTL (ms), ARGV[5] most
     * fields a hash may hold besides the generation: a new field past it is not stored (the read goes to PostgreSQL).
     */
    static final String FILL = """
            local g = redis.call('HGET', KEYS[1], 'g') or '0'
            if g ~= ARGV[1] then
              return 0
            end
            if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 and redis.call('HLEN', KEYS[1]) > tonumber(ARGV[5]) then
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """;

    /** Shared with the other services that drop entries of this cache (collab-websocket's saves). */
    static final String INVALIDATE = KnowledgeCacheInvalidation.SCRIPT;

    private final EventLoopRedis redis;
    private final Vertx vertx;
    private final CacheConfig config;
    private final String prefix;
    private final MeterRegistry meters;
    private final AtomicLong pausedUntil = new AtomicLong();
    /** Names whose invalidation failed, with the time it failed (see {@link #invalidate}). */
    private final Map<String, Long> pendingInvalidations = new ConcurrentHashMap<>();
    private long retryTimer;
    /** Per cache (the part of the name before ':'): looked up once, not on every read. */
    private final Map<String, LookupCounters> lookups = new ConcurrentHashMap<>();

    public RedisCache(EventLoopRedis redis, Vertx vertx, CacheConfig config, @ConfigProperty(name = "kn.redis.key-prefix") String prefix,
                      MeterRegistry meters) {
        this.redis = redis;
        this.vertx = vertx;
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
        Uni<Lookup> lookup = !usable() || invalidationPending(name) ? Uni.createFrom().item(Lookup.UNAVAILABLE)
                : timed(redis.send(Request.cmd(Command.HMGET).arg(key(name)).arg(GENERATION).arg(field)))
                        .map(found -> {
                            String generation = text(found.get(0));
                            return new Lookup(generation == null ? 0 : Long.parseLong(generation), fresh(text(found.get(1))));
                        })
                        .onFailure().recoverWithItem(e -> {
                            failed("read", e);
                            return Lookup.UNAVAILABLE;
                        });
        return lookup.invoke(found -> lookups.computeIfAbsent(name.substring(0, Math.max(0, name.indexOf(':'))), LookupCounters::new)
                .count(found));
    }

    /** kn_cache_lookups_total of one cache, by result. */
    private final class LookupCounters {
        private final Counter hit;
        private final Counter miss;
        private final Counter unavailable;

        LookupCounters(String cache) {
            hit = meters.counter("kn.cache.lookups", "cache", cache, "result", "hit");
            miss = meters.counter("kn.cache.lookups", "cache", cache, "result", "miss");
            unavailable = meters.counter("kn.cache.lookups", "cache", cache, "result", "unavailable");
        }

        void count(Lookup found) {
            (found.hit() ? hit : found.generation() < 0 ? unavailable : miss).increment();
        }
    }

    /** Stores a value read from PostgreSQL, unless a write has invalidated the key since {@code lookup}. */
    public void fill(String name, String field, Lookup lookup, String value) {
        if (lookup.generation() < 0 || !usable()) {
            return;
        }
        try {
            timed(redis.send(Request.cmd(Command.EVAL).arg(FILL).arg(1).arg(key(name)).arg(lookup.generation()).arg(field)
                    .arg(expiry() + "|" + value).arg(keyTtl()).arg(config.maxFieldsPerKey()))).await().indefinitely();
        } catch (RuntimeException e) {
            failed("fill", e);
        }
    }

    /**
     * Drops every entry of the key, also those a concurrent reader is about to store. Always tried, even while
     * reads skip the cache: it is what keeps the cache honest when Redis comes back. One that fails (the write has
     * committed, but Redis did not answer) is retried every second until Redis takes it or the entries it would
     * drop have expired anyway; until then this replica reads the key from PostgreSQL.
     */
    public void invalidate(String name) {
        if (!config.enabled()) {
            return;
        }
        try {
            invalidation(name).await().indefinitely();
            pendingInvalidations.remove(name);
        } catch (RuntimeException e) {
            pendingInvalidations.put(name, System.currentTimeMillis());
            failed("invalidation of " + key(name) + " (retried every second)", e);
        }
    }

    private Uni<Response> invalidation(String name) {
        return timed(redis.send(Request.cmd(Command.EVAL).arg(INVALIDATE).arg(1).arg(key(name)).arg(keyTtl())));
    }

    @PostConstruct
    void retryFailedInvalidations() {
        retryTimer = vertx.setPeriodic(1000, tick -> {
            long expired = System.currentTimeMillis() - config.ttl().toMillis();
            pendingInvalidations.forEach((name, failedAt) -> {
                if (failedAt < expired) {
                    pendingInvalidations.remove(name, failedAt);
                    return;
                }
                invalidation(name).subscribe().with(done -> pendingInvalidations.remove(name, failedAt), e -> { });
            });
        });
    }

    @PreDestroy
    void stopRetrying() {
        vertx.cancelTimer(retryTimer);
    }

    /**
     * Between 80 and 100 % of the TTL from now. Entries filled together (a cold cache after a deploy, a burst of new
     * readers) would otherwise expire in the same second and send all their readers to PostgreSQL at once.
     */
    private long expiry() {
        long ttl = config.ttl().toMillis();
        return System.currentTimeMillis() + ttl - ThreadLocalRandom.current().nextLong(ttl / 5 + 1);
    }

    private static String text(Response bulk) {
        return bulk == null ? null : bulk.toString();
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

    private boolean invalidationPending(String name) {
        return !pendingInvalidations.isEmpty() && pendingInvalidations.containsKey(name);
    }

    private boolean usable() {
        return config.enabled() && System.currentTimeMillis() >= pausedUntil.get();
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
