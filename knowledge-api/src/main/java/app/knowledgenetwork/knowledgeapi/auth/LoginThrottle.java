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
 * <p>
 * An attempt is counted before its password is checked, and counted back only when it succeeds: parallel guesses
 * each take a number first, so at most {@value #LOCK_AFTER} of them are ever checked in a window, however many
 * arrive at once (counted after the check, every one that started before the first failure got through).
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

    /** One sign-in attempt's place in the count of its account and address. */
    public record Attempt(String email, String address, long accountNumber, long addressNumber) {
    }

    /** Refuses while the account or address is locked; otherwise counts the attempt as a failure until it succeeds. */
    public Attempt attempt(String email, String address) {
        long wait = Math.max(remainingMillis(prefix + "lock:acct:" + email), remainingMillis(prefix + "lock:addr:" + address));
        if (wait > 0) {
            throw refused(wait);
        }
        Attempt attempt = new Attempt(email, address, count(prefix + "fail:acct:" + email), count(prefix + "fail:addr:" + address));
        if (attempt.accountNumber() > LOCK_AFTER || attempt.addressNumber() > addressMaxFailures) {
            throw refused(window.toMillis());
        }
        return attempt;
    }

    public void failed(Attempt attempt) {
        long accountFailures = attempt.accountNumber();
        if (accountFailures > FREE_FAILURES) {
            Duration lock = accountFailures >= LOCK_AFTER ? window : Duration.ofSeconds(1L << (accountFailures - FREE_FAILURES));
            counters.setex(prefix + "lock:acct:" + attempt.email(), lock.toSeconds(), accountFailures);
        }
        if (attempt.addressNumber() >= addressMaxFailures) {
            counters.setex(prefix + "lock:addr:" + attempt.address(), window.toSeconds(), attempt.addressNumber());
        }
    }

    public void succeeded(Attempt attempt) {
        keys.del(prefix + "fail:acct:" + attempt.email(), prefix + "lock:acct:" + attempt.email());
        counters.decr(prefix + "fail:addr:" + attempt.address());
    }

    private static RateLimited refused(long waitMillis) {
        return new RateLimited("Too many failed sign-in attempts: try again in " + Math.max(1, (waitMillis + 999) / 1000) + " seconds");
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
