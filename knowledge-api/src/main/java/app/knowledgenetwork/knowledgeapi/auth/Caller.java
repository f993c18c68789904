package app.knowledgenetwork.knowledgeapi.auth;

import app.knowledgenetwork.knowledgeapi.errors.Unauthenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, taken from the verified access token. */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public UUID userId() {
        return UUID.fromString(token().getSubject());
    }

    /** The token's {@code amr} (RFC 8176): how the caller signed in, e.g. {@code pwd otp mfa}. */
    public Set<String> authenticationMethods() {
        Object amr = token().getClaim("amr");
        if (amr instanceof JsonArray array) {
            return array.stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).collect(Collectors.toUnmodifiableSet());
        }
        if (amr instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        return amr == null ? Set.of() : Set.of(amr.toString().split(" "));
    }

    /** When the access token this request came with stops being valid. */
    public java.time.Instant tokenExpiresAt() {
        return java.time.Instant.ofEpochSecond(token().getExpirationTime());
    }

    /** When the access token was issued, in epoch milliseconds (see {@link AccessRevocations}). */
    public long tokenIssuedAtMillis() {
        return issuedAtMillis(token());
    }

    /** Our tokens carry the millisecond; any other falls back to the start of its iat second. */
    static long issuedAtMillis(JsonWebToken jwt) {
        Object millis = jwt.getClaim(AccessTokens.ISSUED_AT_MILLIS);
        if (millis instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        if (millis instanceof Number n) {
            return n.longValue();
        }
        return jwt.getIssuedAtTime() * 1000;
    }

    private JsonWebToken token() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            throw new Unauthenticated("Authentication required: send a valid access token as 'Authorization: Bearer <token>'");
        }
        return jwt;
    }
}
