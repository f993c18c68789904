package app.knowledgenetwork.apigateway;

import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Access tokens as knowledge-api issues them (RS256; sub, groups, amr), signed with a key served as JWKS by the stand-ins. */
public final class TestTokens {

    public static final String ISSUER = "https://knowledge-api.test";
    private static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    public static String token(String subject, String role, List<String> amr) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject + "@example.test").groups(Set.of(role))
                .claim("amr", amr).expiresIn(900).jws().keyId("test").sign(KEYS.getPrivate());
    }

    /** A token of the right shape signed with a key the gateway does not know. */
    public static String forged(String subject) {
        return Jwt.issuer(ISSUER).subject(subject).groups(Set.of("ADMIN")).claim("amr", List.of("pwd", "mfa"))
                .expiresIn(900).jws().keyId("test").sign(generate().getPrivate());
    }

    public static String admin() {
        return token("admin-1", "ADMIN", List.of("pwd", "mfa"));
    }

    public static String jwks() {
        RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
        return new JsonObject().put("keys", new JsonArray().add(new JsonObject()
                .put("kty", "RSA").put("kid", "test").put("use", "sig").put("alg", "RS256")
                .put("n", base64url(key.getModulus())).put("e", base64url(key.getPublicExponent())))).encode();
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
