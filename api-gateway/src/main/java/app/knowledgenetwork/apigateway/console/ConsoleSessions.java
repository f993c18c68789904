package app.knowledgenetwork.apigateway.console;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Console sign-ins and sessions, kept in Redis so any replica serves the next request. The cookie holds
 * only a random id; Redis keys are its SHA-256, so a dump of Redis does not hand out sessions. Each holds
 * the CSRF token its forms must send back.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** A sign-in in progress: the CSRF token of its forms and, after the password, the MFA challenge. */
    public record SignIn(String csrf, String mfaChallenge) {
    }

    /** A signed-in admin. */
    public record Session(String userId, String email, String csrf, String accessToken, Instant accessExpiresAt,
                          String refreshToken) {
        boolean accessExpired() {
            return Instant.now().isAfter(accessExpiresAt.minusSeconds(30));
        }
    }

    static final Duration SIGN_IN_TTL = Duration.ofMinutes(10);
    static final Duration SESSION_TTL = Duration.ofHours(8);

    private final SecureRandom random = new SecureRandom();
    private final RedisDataSource redis;
    private final String prefix;

    public ConsoleSessions(RedisDataSource redis, @ConfigProperty(name = "kn.redis.key-prefix") String prefix) {
        this.redis = redis;
        this.prefix = prefix + "gateway:console:";
    }

    public String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public void saveSignIn(String id, SignIn signIn) {
        JsonObject json = new JsonObject().put("csrf", signIn.csrf()).put("mfaChallenge", signIn.mfaChallenge());
        redis.value(String.class).set(key("signin:", id), json.encode(), new SetArgs().ex(SIGN_IN_TTL));
    }

    public Optional<SignIn> signIn(String id) {
        return read("signin:", id).map(j -> new SignIn(j.getString("csrf"), j.getString("mfaChallenge")));
    }

    public void endSignIn(String id) {
        if (id != null) {
            redis.key().del(key("signin:", id));
        }
    }

    public void save(String id, Session s) {
        JsonObject json = new JsonObject().put("userId", s.userId()).put("email", s.email()).put("csrf", s.csrf())
                .put("accessToken", s.accessToken()).put("accessExpiresAt", s.accessExpiresAt().toString())
                .put("refreshToken", s.refreshToken());
        redis.value(String.class).set(key("session:", id), json.encode(), new SetArgs().ex(SESSION_TTL));
    }

    public Optional<Session> session(String id) {
        return read("session:", id).map(j -> new Session(j.getString("userId"), j.getString("email"), j.getString("csrf"),
                j.getString("accessToken"), Instant.parse(j.getString("accessExpiresAt")), j.getString("refreshToken")));
    }

    public void end(String id) {
        if (id != null) {
            redis.key().del(key("session:", id));
        }
    }

    private Optional<JsonObject> read(String kind, String id) {
        if (id == null || id.isBlank() || id.length() > 100) {
            return Optional.empty();
        }
        String json = redis.value(String.class).get(key(kind, id));
        return json == null ? Optional.empty() : Optional.of(new JsonObject(json));
    }

    private String key(String kind, String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return prefix + kind + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison, so a CSRF token cannot be guessed byte by byte from timing. */
    public static boolean sameToken(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
