package app.knowledgenetwork.apigateway.oauth;

import app.knowledgenetwork.apigateway.GatewayConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connect flows, in Redis until their callback or {@code kn.gateway.google.flow-timeout}: the console session
 * that started it and the connection form (the Notion token included) sealed with AES-GCM under a key that lives
 * only in the browser's flow cookie, so Redis alone never holds a readable token; then, once
 * {@code /oauth/google/start} sends the browser to Google, that trip's {@code state} and PKCE verifier. A flow is
 * taken once: a replayed callback finds nothing.
 */
@ApplicationScoped
public class ConnectFlows {

    /** A flow as the callback needs it. */
    public record Flow(String state, String verifier, String sessionId, JsonObject form) {
    }

    /** One trip to Google's consent: what the authorize URL carries and the callback checks. */
    public record Trip(String state, String verifier) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisDataSource redis;
    private final String prefix;
    private final Duration ttl;

    public ConnectFlows(RedisDataSource redis, @ConfigProperty(name = "kn.redis.key-prefix") String prefix, GatewayConfig config) {
        this.redis = redis;
        this.prefix = prefix + "gateway:oauth-flow:";
        this.ttl = config.google().flowTimeout();
    }

    public Duration ttl() {
        return ttl;
    }

    /** Keeps the form of a new flow; the returned value is the browser's flow cookie (the flow's id and the form's key). */
    public String start(String sessionId, JsonObject form) {
        String id = random(24);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        JsonObject stored = new JsonObject().put("session", sessionId).put("form", seal(key, form.encode()));
        redis.value(String.class).set(redisKey(id), stored.encode(), new SetArgs().ex(ttl));
        return id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /**
     * A new trip to Google for the flow of this cookie: a fresh {@code state} and verifier replace any earlier
     * trip's (a second start, say from the back button, makes the first trip's answer useless). Empty when the
     * flow expired, was taken, or the cookie does not open its form.
     */
    public Optional<Trip> depart(String cookie) {
        Optional<String[]> parts = parts(cookie);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String redisKey = redisKey(parts.get()[0]);
        String json = redis.value(String.class).get(redisKey);
        if (json == null) {
            return Optional.empty();
        }
        JsonObject stored = new JsonObject(json);
        if (open(Base64.getUrlDecoder().decode(parts.get()[1]), stored.getString("form")).isEmpty()) {
            return Optional.empty();
        }
        Trip trip = new Trip(random(24), random(48));
        stored.put("state", trip.state()).put("verifier", trip.verifier());
        redis.value(String.class).set(redisKey, stored.encode(), new SetArgs().keepttl().xx());
        return Optional.of(trip);
    }

    /**
     * The flow of this cookie, removed; empty when it expired, was taken already, never went to Google, or the
     * cookie is not one of ours.
     */
    public Optional<Flow> take(String cookie) {
        Optional<String[]> parts = parts(cookie);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String json = redis.value(String.class).getdel(redisKey(parts.get()[0]));
        if (json == null) {
            return Optional.empty();
        }
        JsonObject stored = new JsonObject(json);
        if (stored.getString("state") == null) {
            return Optional.empty();
        }
        byte[] key = Base64.getUrlDecoder().decode(parts.get()[1]);
        Optional<String> form = open(key, stored.getString("form"));
        return form.map(f -> new Flow(stored.getString("state"), stored.getString("verifier"), stored.getString("session"),
                new JsonObject(f)));
    }

    private static Optional<String[]> parts(String cookie) {
        if (cookie == null || !cookie.matches("[A-Za-z0-9_-]{16,64}\\.[A-Za-z0-9_-]{40,50}")) {
            return Optional.empty();
        }
        return Optional.of(cookie.split("\\."));
    }

    public static boolean sameState(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private String redisKey(String id) {
        try {
            // Keyed by the id's hash: a dump of Redis does not hand out flows.
            return prefix + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String seal(byte[] key, String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(iv) + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> open(byte[] key, String sealed) {
        try {
            String[] parts = sealed.split(":");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, Base64.getDecoder().decode(parts[0])));
            return Optional.of(new String(cipher.doFinal(Base64.getDecoder().decode(parts[1])), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
