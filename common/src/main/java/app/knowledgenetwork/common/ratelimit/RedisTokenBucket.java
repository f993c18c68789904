package app.knowledgenetwork.common.ratelimit;

import app.knowledgenetwork.common.redis.LuaScript;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * A token bucket kept in Redis, so that every replica of a service spends one budget. The refill and
 * the take happen in one Lua script on Redis' own clock: replicas with skewed clocks, or two taking at
 * the same instant, can never both get the last token.
 */
public final class RedisTokenBucket {

    /**
     * KEYS[1] bucket; ARGV[1] capacity, ARGV[2] microseconds per token. Returns 0 when a token was
     * taken, else the milliseconds until one will be there. With ARGV[3], a count: up to that many tokens
     * are taken at once (a negative count gives tokens back, never above the capacity), and the answer is
     * {taken, milliseconds until one will be there when none was}.
     */
    static final LuaScript SCRIPT = new LuaScript("""
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
            local wanted = tonumber(ARGV[3] or '1')
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
            if ARGV[3] then
              return {taken, wait}
            end
            return wait
            """);

    private final RedisDataSource redis;
    private final String key;
    private final RateLimit limit;

    /** @param key the full Redis key, already under the service's {@code kn.redis.key-prefix} */
    public RedisTokenBucket(RedisDataSource redis, String key, RateLimit limit) {
        this.redis = redis;
        this.key = key;
        this.limit = limit;
    }

    /** Takes a token if one is there; else tells how many milliseconds to wait before asking again. */
    public long tryAcquire() {
        Response reply = SCRIPT.run(redis, 1, key, Integer.toString(limit.burst()), Long.toString(limit.intervalMicros()));
        return reply.toLong();
    }

    /** Blocks (sleeping, not spinning) until a token is taken. */
    public void acquire() throws InterruptedException {
        long wait;
        while ((wait = tryAcquire()) > 0) {
            Thread.sleep(wait);
        }
    }

    public String key() {
        return key;
    }

    public RateLimit limit() {
        return limit;
    }
}
