package app.knowledgenetwork.collabwebsocket.access;

import app.knowledgenetwork.collabwebsocket.CollabConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Verifies knowledge-api's access tokens: RS256 only, signed by a key of its JWK Set (fetched from JWT_JWKS_URL,
 * cached, fetched again for an unknown kid so a rotated key is picked up), issued by JWT_ISSUER, for JWT_AUDIENCE if
 * it names an audience, not expired.
 * The token's subject is the user id.
 */
@ApplicationScoped
public class AccessTokens {
    private final JwtConsumer consumer;

    public AccessTokens(CollabConfig config) {
        if (config.issuer().isBlank()) {
            throw new IllegalStateException("JWT_ISSUER (kn.collab.issuer) must not be blank");
        }
        if (!config.jwksUrl().startsWith("http://") && !config.jwksUrl().startsWith("https://")) {
            throw new IllegalStateException("JWT_JWKS_URL (kn.collab.jwks-url) must be an http(s) URL, was '" + config.jwksUrl() + "'");
        }
        HttpsJwks jwks = new HttpsJwks(config.jwksUrl());
        jwks.setDefaultCacheDuration(300);
        jwks.setRetainCacheOnErrorDuration(3600);
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(5)
                .setExpectedIssuer(config.issuer())
                .setExpectedAudience(false, config.audience())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .build();
    }

    /** Blocks while the JWK Set is fetched (the first time, or for a new kid): call it off the event loop. */
    public VerifiedToken verify(String token) throws InvalidToken {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            return new VerifiedToken(UUID.fromString(claims.getSubject()), Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis()));
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw new InvalidToken("token expired");
            }
            throw new InvalidToken("token not valid");
        } catch (MalformedClaimException | IllegalArgumentException e) {
            throw new InvalidToken("token subject is not a user id");
        }
    }
}
