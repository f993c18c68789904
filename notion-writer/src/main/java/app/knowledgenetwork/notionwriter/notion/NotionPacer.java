package app.knowledgenetwork.notionwriter.notion;

import app.knowledgenetwork.common.ratelimit.RateLimit;
import io.quarkus.redis.datasource.RedisDataSource;
import java.util.concurrent.TimeUnit;

/**
 * Spaces the requests of one integration token, for every writer of every replica, by handing out
 * send times (slots) from Redis: each caller reserves the next free slot, on Redis' clock, and sleeps
 * until it. Slots follow each other exactly one interval apart, so what a caller loses to a late
 * wake-up, a Redis round trip or its own HTTP call is not lost to the rate: the next slot stays where
 * it was. A token bucket of one token loses all of that on every request (bench/sync measured it with
 * the margin: 88 % of Notion's limit instead of the 90.9 % the margin alone allows).
 *
 * <p>This is GCRA (the generic cell rate algorithm): the key holds the theoretical arrival time of the
 * next request. After a quiet spell the next slot is now, minus {@code burst - 1} intervals, so at most
 * {@code burst} requests go back to back; with the default burst of 1, never two in one interval.
 */
public final class NotionPacer {

    /**
     * KEYS[1] the token's next free slot (µs, Redis' clock); ARGV[1] µs per request, ARGV[2] burst.
     * Reserves a slot and returns the µs to wait until it (0: send now).
     */
    static final String RESERVE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local earliest = now - (tonumber(ARGV[2]) - 1) * interval
            local slot = tonumber(redis.call('GET', KEYS[1]))
            if slot == nil or slot < earliest then
              slot = earliest
            end
            redis.call('SET', KEYS[1], string.format('%.0f', slot + interval), 'PX', math.ceil(interval / 1000) + 60000)
            if slot <= now then
              return 0
            end
            return slot - now
            """;

    private final RedisDataSource redis;
    private final String key;
    private final RateLimit limit;

    /** @param key the full Redis key, already under the service's {@code kn.redis.key-prefix} */
    public NotionPacer(RedisDataSource redis, String key, RateLimit limit) {
        this.redis = redis;
        this.key = key;
        this.limit = limit;
    }

    /** Reserves the next slot and returns the microseconds until it (0: it is now). */
    public long reserve() {
        return redis.execute("EVAL", RESERVE, "1", key, Long.toString(limit.intervalMicros()), Integer.toString(limit.burst())).toLong();
    }

    /** Blocks (sleeping) until this caller's slot. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            TimeUnit.MICROSECONDS.sleep(wait);
        }
    }

    public String key() {
        return key;
    }

    public RateLimit limit() {
        return limit;
    }
}
