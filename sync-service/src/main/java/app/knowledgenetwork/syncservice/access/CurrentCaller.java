package app.knowledgenetwork.syncservice.access;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, from the RS256 access token knowledge-api issued (verified by
 * smallrye-jwt with knowledge-api's public key from JWT_JWKS_URL, and its issuer JWT_ISSUER). The
 * platform role travels in the token's groups.
 */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken token;

    public CurrentCaller(JsonWebToken token) {
        this.token = token;
    }

    public Caller get() {
        return new Caller(token.getSubject(), token.getGroups() != null && token.getGroups().contains("ADMIN"));
    }
}
