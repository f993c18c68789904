package app.knowledgenetwork.emulators.google;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Google's token endpoint knows: service-account public keys (by client e-mail), refresh tokens
 * registered by tests, and the access tokens it issued, each bound to one user and its scopes.
 */
@ApplicationScoped
public class GoogleIdentities {

    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

    /** A refresh token as Google's authorization server would have issued it to an OAuth client. */
    public record RefreshToken(String token, String clientId, String clientSecret, String user, Set<String> scopes) {
    }

    /** An access token the endpoint issued. */
    public record AccessToken(String token, String user, Set<String> scopes, Instant expiresAt) {
    }

    private final Map<String, PublicKey> serviceAccountKeys = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /** Registers the public half of a service account's key, as PEM ({@code BEGIN PUBLIC KEY}). */
    public void registerServiceAccount(String clientEmail, String publicKeyPem) {
        serviceAccountKeys.put(clientEmail, parsePublicKey(publicKeyPem));
    }

    public Optional<PublicKey> serviceAccountKey(String clientEmail) {
        return Optional.ofNullable(serviceAccountKeys.get(clientEmail));
    }

    public void registerRefreshToken(RefreshToken token) {
        refreshTokens.put(token.token(), token);
    }

    public Optional<RefreshToken> refreshToken(String token) {
        return Optional.ofNullable(refreshTokens.get(token));
    }

    public AccessToken issue(String user, Set<String> scopes) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        AccessToken token = new AccessToken("ya29.emu-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                user, Set.copyOf(scopes), clock.instant().plus(ACCESS_TOKEN_LIFETIME));
        accessTokens.put(token.token(), token);
        return token;
    }

    /** The live access token with this value, if the endpoint issued it and it has not expired. */
    public Optional<AccessToken> accessToken(String token) {
        return Optional.ofNullable(accessTokens.get(token)).filter(t -> t.expiresAt().isAfter(clock.instant()));
    }

    /** Makes every access token issued for the user expire now; returns how many there were. */
    public int expireAccessTokens(String user) {
        Instant now = clock.instant();
        int expired = 0;
        for (AccessToken token : accessTokens.values()) {
            if (token.user().equals(user) && token.expiresAt().isAfter(now)) {
                accessTokens.put(token.token(), new AccessToken(token.token(), token.user(), token.scopes(), now));
                expired++;
            }
        }
        return expired;
    }

    public void reset() {
        serviceAccountKeys.clear();
        refreshTokens.clear();
        accessTokens.clear();
    }

    private static PublicKey parsePublicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalArgumentException("publicKeyPem is not an RSA public key in PEM (BEGIN PUBLIC KEY): " + e.getMessage(), e);
        }
    }
}
