package app.knowledgenetwork.collabwebsocket;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** Access tokens as knowledge-api's AccessTokens issues them (RS256, sub = user id, groups, jti, exp). */
public final class TestTokens {
    private TestTokens() {
    }

    public static String valid(UUID user) {
        return signed(user, Instant.now().plus(Duration.ofMinutes(15)), CollabTestResource.ISSUER, key());
    }

    static String expiringIn(UUID user, Duration ttl) {
        return signed(user, Instant.now().plus(ttl), CollabTestResource.ISSUER, key());
    }

    static String expired(UUID user) {
        return signed(user, Instant.now().minus(Duration.ofMinutes(1)), CollabTestResource.ISSUER, key());
    }

    static String forAnotherAudience(UUID user) {
        return signed(user, Instant.now().plus(Duration.ofMinutes(15)), CollabTestResource.ISSUER, key(), "another-service");
    }

    static String fromAnotherIssuer(UUID user) {
        return signed(user, Instant.now().plus(Duration.ofMinutes(15)), "https://somebody-else.test", key());
    }

    static String signedByAnotherKey(UUID user) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return signed(user, Instant.now().plus(Duration.ofMinutes(15)), CollabTestResource.ISSUER, generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey key() {
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(CollabTestResource.KEY_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("CollabTestResource has not made the signing key", e);
        }
    }

    private static String signed(UUID user, Instant expiresAt, String issuer, PrivateKey key) {
        return signed(user, expiresAt, issuer, key, "knowledge-network");
    }

    private static String signed(UUID user, Instant expiresAt, String issuer, PrivateKey key, String audience) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setSubject(user.toString());
            claims.setAudience(audience);
            claims.setClaim("upn", user + "@example.test");
            claims.setStringListClaim("groups", "USER");
            claims.setJwtId(UUID.randomUUID().toString());
            claims.setIssuedAtToNow();
            claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            jws.setKeyIdHeaderValue(CollabTestResource.KID);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
