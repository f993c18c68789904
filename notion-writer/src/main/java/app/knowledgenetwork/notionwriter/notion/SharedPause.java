package app.knowledgenetwork.notionwriter.notion;

import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Duration;

/**
 * A pause of every request made with one integration token, kept in Redis beside the token's bucket so
 * that every writer of every replica sees it: when Notion answers 429 with a Retry-After, the limit it
 * speaks of is the token's, so all its writers wait, not only the request that got the answer. The pause
 * is a key that expires when it ends, on Redis' clock; a later pause may lengthen it, never shorten it.
 */
public final class SharedPause {

    /** KEYS[1] the pause; ARGV[1] its length in ms. Sets it unless a longer one is already running. */
    static final String EXTEND = """
            local left = redis.call('PTTL', KEYS[1])
            if left < tonumber(ARGV[1]) then
              redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
            end
            return 0
            """;

    private final RedisDataSource redis;
    private final String key;

    /** @param key the full Redis key, already under the service's {@code kn.redis.key-prefix} */
    public SharedPause(RedisDataSource redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    /** Pauses every writer of the token for {@code duration} from now, unless a longer pause is running. */
    public void pauseFor(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        redis.execute("EVAL", EXTEND, "1", key, Long.toString(duration.toMillis()));
    }

    /** Milliseconds the pause still runs; 0 when there is none. */
    public long remainingMillis() {
        return Math.max(0, redis.execute("PTTL", key).toLong());
    }

    /** Blocks (sleeping) until no pause runs. */
    public void await() throws InterruptedException {
        long left;
        while ((left = remainingMillis()) > 0) {
            Thread.sleep(left);
        }
    }

    public String key() {
        return key;
    }
}
