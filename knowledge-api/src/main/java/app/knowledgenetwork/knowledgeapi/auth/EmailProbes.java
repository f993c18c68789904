package app.knowledgenetwork.knowledgeapi.auth;

import app.knowledgenetwork.knowledgeapi.errors.RateLimited;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers that tell whether an email is registered — {@code register} refused because the account exists,
 * {@code addMember} with an address nobody registered — counted in Redis per asker (client address for
 * {@code register}, user for {@code addMember}) and capped per window, so the lists of who uses the product cannot be
 * read off the API: a user who mistypes a colleague's address is told so, a script that walks a mailing list is stopped
 * after a handful.
 * <p>
 * Like the login throttle, a probe is counted before the lookup and counted back when its answer turned out not to
 * reveal anything (the account was created, the member added), so parallel probes cannot all slip through.
 */
@ApplicationScoped
public class EmailProbes {
    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final String prefix;
    private final int max;
    private final Duration window;

    public EmailProbes(RedisDataSource redis, @ConfigProperty(name = "kn.redis.key-prefix") String prefix, AuthConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.prefix = prefix + "email-probes:";
        this.max = config.emailProbes().max();
        this.window = config.emailProbes().window();
    }

    /** One lookup of an email by an asker; refused once the asker has had its share of revealing answers. */
    public record Probe(String key) {
    }

    /**
     * Takes a place in the asker's count, or refuses. {@code what} names the operation in the key and the message
     * ("register", "addMember"); {@code asker} is the client address or user id.
     */
    public Probe begin(String what, String asker) {
        String key = prefix + what + ":" + asker;
        long n = counters.incr(key);
        if (n == 1) {
            keys.expire(key, window);
        }
        if (n > max) {
            long seconds = Math.max(1, keys.ttl(key));
            throw new RateLimited(what + ": too many attempts with emails that are registered already or not at all; try again in "
                    + seconds + " seconds");
        }
        return new Probe(key);
    }

    /** The lookup told nothing (the account was created, the member added): it does not count. */
    public void revealedNothing(Probe probe) {
        counters.decr(probe.key());
    }
}
