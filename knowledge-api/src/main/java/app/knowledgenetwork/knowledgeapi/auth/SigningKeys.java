package app.knowledgenetwork.knowledgeapi.auth;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The RSA key pair that signs access tokens. Taken from JWT_PRIVATE_KEY; in dev and test, when that is unset, an
 * ephemeral pair is generated so no key ever has to be committed. Startup fails with a message naming the
 * missing or malformed setting.
 */
@Startup
@ApplicationScoped
public class SigningKeys {
    private final KeyPair keyPair;
    private final String keyId;

    public SigningKeys(AuthConfig config) {
        requirePositive(config.accessTokenTtl(), "kn.auth.access-token-ttl");
        requirePositive(config.refreshTokenTtl(), "kn.auth.refresh-token-ttl");
        if (config.issuer().isBlank()) {
            throw new IllegalStateException("JWT_ISSUER (kn.auth.issuer) must not be blank");
        }
        String pem = config.privateKey().map(String::strip).orElse("");
        if (!pem.isEmpty()) {
            this.keyPair = parsePkcs8(pem);
        } else if (config.ephemeralKeyAllowed()) {
            Log.info("JWT_PRIVATE_KEY is not set: signing tokens with an ephemeral RSA key (dev/test only)");
            this.keyPair = generate();
        } else {
            throw new IllegalStateException("JWT_PRIVATE_KEY is not set: knowledge-api needs a PKCS#8 PEM RSA private key to sign tokens");
        }
        this.keyId = thumbprint(publicKey());
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keyPair.getPublic();
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as a JSON Web Key (RFC 7517). */
    public Map<String, String> jwk() {
        return Map.of(
                "kty", "RSA",
                "use", "sig",
                "alg", "RS256",
                "kid", keyId,
                "n", base64Url(publicKey().getModulus()),
                "e", base64Url(publicKey().getPublicExponent()));
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalStateException(name + " must be a positive duration, was " + d);
        }
    }

    private static KeyPair parsePkcs8(String pem) {
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalStateException("JWT_PRIVATE_KEY must be a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
        }
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            var publicKey = factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("JWT_PRIVATE_KEY is not a valid PKCS#8 RSA private key");
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7638 thumbprint, so a rotated key gets a new kid. */
    private static String thumbprint(RSAPublicKey key) {
        String json = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\"" + base64Url(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
