package app.knowledgenetwork.syncservice.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stands in for knowledge-api as the token issuer: a fresh RS256 key of this run whose public half the
 * service under test verifies with, exactly as it verifies knowledge-api's in production.
 */
public class AccessTokens implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "http://knowledge-api.test";
    private static KeyPair keys;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            Path pem = Files.createTempFile("sync-test-jwt", ".pem");
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            pem.toFile().deleteOnExit();
            return Map.of("mp.jwt.verify.publickey.location", pem.toUri().toString(), "mp.jwt.verify.issuer", ISSUER);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** An access token as knowledge-api issues it. */
    public static String of(String userId, String role) {
        return Jwt.issuer(ISSUER).subject(userId).upn(userId + "@example.test").groups(Set.of(role))
                .claim("jti", UUID.randomUUID().toString()).expiresIn(900)
                .jws().algorithm(SignatureAlgorithm.RS256).sign(keys.getPrivate());
    }

    public static String user(String userId) {
        return of(userId, "USER");
    }

    public static String admin(String userId) {
        return of(userId, "ADMIN");
    }

    public static String newUser() {
        return UUID.randomUUID().toString();
    }

}
