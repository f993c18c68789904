package app.knowledgenetwork.emulators.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A service account's signed JWT (RFC 7523), as google-auth-library's {@code ServiceAccountCredentials}
 * sends it: header {@code alg=RS256}, claims {@code iss} (client e-mail), {@code scope} (space separated),
 * {@code aud} (token URL), {@code iat}, {@code exp} and, with domain-wide delegation, {@code sub}.
 */
public record JwtBearerAssertion(String issuer, Optional<String> subject, Set<String> scopes, Instant expiresAt) {

    /** Parses and verifies the assertion; every refusal is an {@code invalid_grant} naming the reason. */
    public static JwtBearerAssertion verify(String assertion, Function<String, Optional<PublicKey>> keyOfIssuer,
            ObjectMapper json, Instant now) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            throw OAuthError.invalidGrant("Invalid JWT: the assertion is not three dot-separated parts.");
        }
        JsonNode header = decode(parts[0], json);
        JsonNode claims = decode(parts[1], json);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw OAuthError.invalidGrant("Invalid JWT: alg must be RS256, was " + header.path("alg").asText());
        }
        String issuer = claims.path("iss").asText("");
        PublicKey key = keyOfIssuer.apply(issuer)
                .orElseThrow(() -> OAuthError.invalidGrant("Invalid JWT: unknown service account '" + issuer + "'."));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw OAuthError.invalidGrant("Invalid JWT Signature.");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw OAuthError.invalidGrant("Invalid JWT Signature.");
        }
        long exp = claims.path("exp").asLong(0);
        long iat = claims.path("iat").asLong(0);
        if (exp == 0 || iat == 0) {
            throw OAuthError.invalidGrant("Invalid JWT: iat and exp are required.");
        }
        if (Instant.ofEpochSecond(exp).isBefore(now)) {
            throw OAuthError.invalidGrant("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
        }
        if (exp - iat > 3600) {
            throw OAuthError.invalidGrant("Invalid JWT: exp - iat is more than one hour.");
        }
        // google-auth-library puts the token URI it posts to in aud; Google accepts only its own token URL there.
        String audience = claims.path("aud").asText("");
        if (!audience.endsWith("/token")) {
            throw OAuthError.invalidGrant("Invalid JWT: aud must be the token endpoint's URL, was '" + audience + "'.");
        }
        String scope = claims.path("scope").asText("").trim();
        if (scope.isEmpty()) {
            throw OAuthError.invalidRequest("Invalid JWT: the scope claim is missing.");
        }
        String subject = claims.path("sub").asText("");
        return new JwtBearerAssertion(issuer, subject.isEmpty() ? Optional.empty() : Optional.of(subject),
                Set.of(scope.split("\\s+")), Instant.ofEpochSecond(exp));
    }

    private static JsonNode decode(String part, ObjectMapper json) {
        try {
            return json.readTree(Base64.getUrlDecoder().decode(part));
        } catch (Exception e) {
            throw OAuthError.invalidGrant("Invalid JWT: a part is not base64url-encoded JSON.");
        }
    }
}
