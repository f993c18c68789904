package app.knowledgenetwork.common.ratelimit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The same Redis token buckets as {@link RedisTokenBucket} (one Lua script, Redis' clock), asked without
 * blocking a thread, for callers on an event loop: the gateway checks a bucket on every request, and a
 * blocking call there meant a hand-off to a worker thread and back for each one.
 */
public final class ReactiveTokenBuckets {

    private final ReactiveRedisDataSource redis;

    public ReactiveTokenBuckets(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Takes a token from the bucket at {@code key} (the full Redis key) if one is there: 0, else the
     * milliseconds until one will be.
     */
    public Uni<Long> tryAcquire(String key, RateLimit limit) {
        return RedisTokenBucket.SCRIPT.run(redis, 1, key, Integer.toString(limit.burst()),
                        Long.toString(limit.intervalMicros()))
                .map(Response::toLong);
    }

    /** What a {@link #take} got: how many tokens, and when none, the milliseconds until one will be there. */
    public record Taken(int tokens, long waitMillis) {
    }

    /** Takes up to {@code wanted} tokens at once from the bucket at {@code key}. */
    public Uni<Taken> take(String key, RateLimit limit, int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("take at least one token, not " + wanted);
        }
        return RedisTokenBucket.SCRIPT.run(redis, 1, key, Integer.toString(limit.burst()),
                        Long.toString(limit.intervalMicros()), Integer.toString(wanted))
                .map(reply -> new Taken(reply.get(0).toInteger(), reply.get(1).toLong()));
    }

    /** Puts back tokens taken but not spent (the bucket never holds more than its burst). */
    public Uni<Void> giveBack(String key, RateLimit limit, int tokens) {
        return RedisTokenBucket.SCRIPT.run(redis, 1, key, Integer.toString(limit.burst()),
                        Long.toString(limit.intervalMicros()), Integer.toString(-tokens))
                .replaceWithVoid();
    }
}
