package app.knowledgenetwork.common.ratelimit;

import app.knowledgenetwork.common.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Token buckets kept in Redis, so that every replica of a service spends one budget, asked without blocking a
 * thread (the gateway checks one on every request, on its event loop). The refill and the take happen in one Lua
 * script on Redis' own clock: replicas with skewed clocks, or two taking at the same instant, can never both get
 * the last token.
 */
public final class ReactiveTokenBuckets {

    /**
     * KEYS[1] bucket; ARGV[1] capacity, ARGV[2] microseconds per token, ARGV[3] how many tokens to take
     * (a negative count gives tokens back, never above the capacity). Returns {taken, milliseconds until one
     * will be there when none was}.
     */
    private static final LuaScript SCRIPT = new LuaScript("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local capacity = tonumber(ARGV[1])
            local interval = tonumber(ARGV[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil or ts == nil then
              tokens = capacity
              ts = now
            end
            if now > ts then
              tokens = math.min(capacity, tokens + (now - ts) / interval)
            end
            local wanted = tonumber(ARGV[3])
            local taken = 0
            local wait = 0
            if wanted < 0 then
              tokens = math.min(capacity, tokens - wanted)
            elseif tokens >= 1 then
              taken = math.min(wanted, math.floor(tokens))
              tokens = tokens - taken
            else
              wait = math.ceil((1 - tokens) * interval / 1000)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * interval / 1000) + 60000)
            return {taken, wait}
            """);

    private final ReactiveRedisDataSource redis;

    public ReactiveTokenBuckets(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** What a {@link #take} got: how many tokens, and when none, the milliseconds until one will be there. */
    public record Taken(int tokens, long waitMillis) {
    }

    /** Takes up to {@code wanted} tokens at once from the bucket at {@code key}. */
    public Uni<Taken> take(String key, RateLimit limit, int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("take at least one token, not " + wanted);
        }
        return SCRIPT.run(redis, 1, key, Integer.toString(limit.burst()),
                        Long.toString(limit.intervalMicros()), Integer.toString(wanted))
                .map(reply -> new Taken(reply.get(0).toInteger(), reply.get(1).toLong()));
    }

    /** Puts back tokens taken but not spent (the bucket never holds more than its burst). */
    public Uni<Void> giveBack(String key, RateLimit limit, int tokens) {
        return SCRIPT.run(redis, 1, key, Integer.toString(limit.burst()),
                        Long.toString(limit.intervalMicros()), Integer.toString(-tokens))
                .replaceWithVoid();
    }
}
