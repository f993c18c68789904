package app.knowledgenetwork.knowledgeapi.mfa;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The half-finished logins of MFA users: an opaque challenge, valid 5 minutes, good for 5 wrong codes, kept
 * (as a digest) in Redis so any replica can complete it.
 */
@ApplicationScoped
public class MfaChallenges {
    private static final long TTL_SECONDS = 300;
    private static final int MAX_ATTEMPTS = 5;

    private final ValueCommands<String, String> values;
    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final String prefix;
    private final SecureRandom random = new SecureRandom();

    public MfaChallenges(RedisDataSource redis, @ConfigProperty(name = "kn.redis.key-prefix") String prefix) {
        this.values = redis.value(String.class);
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.prefix = prefix + "mfa:challenge:";
    }

    public String issue(UUID userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        values.setex(prefix + digest(challenge), TTL_SECONDS, userId.toString());
        return challenge;
    }

    public Optional<UUID> userOf(String challenge) {
        return Optional.ofNullable(values.get(prefix + digest(challenge))).map(UUID::fromString);
    }

    public void completed(String challenge) {
        keys.del(prefix + digest(challenge), prefix + "fail:" + digest(challenge));
    }

    /** Counts a wrong code; returns true when the challenge is used up. */
    public boolean failed(String challenge) {
        String key = prefix + "fail:" + digest(challenge);
        long n = counters.incr(key);
        keys.expire(key, TTL_SECONDS);
        if (n >= MAX_ATTEMPTS) {
            completed(challenge);
            return true;
        }
        return false;
    }

    static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
