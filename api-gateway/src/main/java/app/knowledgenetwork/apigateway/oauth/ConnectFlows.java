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
 * Started connect flows, in Redis until their callback or {@code kn.gateway.google.flow-timeout}: the
 * {@code state}, the PKCE verifier, the console session that started it, and the connection form (the
 * Notion token included) sealed with AES-GCM under a key that lives only in the browser's flow cookie,
 * so Redis alone never holds a readable token. A flow is taken once: a replayed callback finds nothing.
 */
@ApplicationScoped
public class ConnectFlows {

    /** A flow as the callback needs it. */
    public record Flow(String state, String verifier, String sessionId, JsonObject form) {
    }

    /** What the browser keeps: the flow's id and the key of its form. */
    public record Started(String cookie, String state, String verifier) {
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

    public Started start(String sessionId, JsonObject form) {
        String id = random(24);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String state = random(24);
        String verifier = random(48);
        JsonObject stored = new JsonObject().put("state", state).put("verifier", verifier).put("session", sessionId)
                .put("form", seal(key, form.encode()));
        redis.value(String.class).set(redisKey(id), stored.encode(), new SetArgs().ex(ttl));
        return new Started(id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(key), state, verifier);
    }

    /** The flow of this cookie, removed; empty when it expired, was taken already, or the cookie is not one of ours. */
    public Optional<Flow> take(String cookie) {
        if (cookie == null || !cookie.matches("[A-Za-z0-9_-]{16,64}\\.[A-Za-z0-9_-]{40,50}")) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.");
        String json = redis.value(String.class).getdel(redisKey(parts[0]));
        if (json == null) {
            return Optional.empty();
        }
        JsonObject stored = new JsonObject(json);
        byte[] key = Base64.getUrlDecoder().decode(parts[1]);
        Optional<String> form = open(key, stored.getString("form"));
        return form.map(f -> new Flow(stored.getString("state"), stored.getString("verifier"), stored.getString("session"),
                new JsonObject(f)));
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
