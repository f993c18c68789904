package app.knowledgenetwork.knowledgeapi.auth;

import app.knowledgenetwork.knowledgeapi.errors.RateLimited;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.keys.RedisKeyNotFoundException;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Failed sign-ins counted in Redis per account (normalized email, whether or not it exists, so the answer never
 * reveals that) and per client address. The first failures cost nothing, then each one locks the account for
 * longer (2 s, 4 s), and from the fifth it is locked for the whole window. Shared by all replicas.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final int FREE_FAILURES = 2;
    private static final int LOCK_AFTER = 5;

    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final String prefix;
    private final Duration window;
    private final int addressMaxFailures;

    public LoginThrottle(RedisDataSource redis, @ConfigProperty(name = "kn.redis.key-prefix") String prefix,
                         @ConfigProperty(name = "kn.auth.login.window", defaultValue = "PT15M") Duration window,
                         @ConfigProperty(name = "kn.auth.login.address-max-failures", defaultValue = "50") int addressMaxFailures) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.prefix = prefix + "login:";
        this.window = window;
        this.addressMaxFailures = addressMaxFailures;
    }

    public void check(String email, String address) {
        long wait = Math.max(remainingMillis(prefix + "lock:acct:" + email), remainingMillis(prefix + "lock:addr:" + address));
        if (wait > 0) {
            throw new RateLimited("Too many failed sign-in attempts: try again in " + Math.max(1, (wait + 999) / 1000) + " seconds");
        }
    }

    public void failed(String email, String address) {
        long accountFailures = count(prefix + "fail:acct:" + email);
        if (accountFailures > FREE_FAILURES) {
            Duration lock = accountFailures >= LOCK_AFTER ? window : Duration.ofSeconds(1L << (accountFailures - FREE_FAILURES));
            counters.setex(prefix + "lock:acct:" + email, lock.toSeconds(), accountFailures);
        }
        long addressFailures = count(prefix + "fail:addr:" + address);
        if (addressFailures >= addressMaxFailures) {
            counters.setex(prefix + "lock:addr:" + address, window.toSeconds(), addressFailures);
        }
    }

    public void succeeded(String email) {
        keys.del(prefix + "fail:acct:" + email, prefix + "lock:acct:" + email);
    }

    private long remainingMillis(String key) {
        try {
            return keys.pttl(key);
        } catch (RedisKeyNotFoundException e) {
            return 0;
        }
    }

    private long count(String key) {
        long n = counters.incr(key);
        if (n == 1) {
            keys.expire(key, window);
        }
        return n;
    }
}
