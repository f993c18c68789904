package app.knowledgenetwork.knowledgeapi.auth;

import app.knowledgenetwork.knowledgeapi.errors.Unauthenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, taken from the verified access token. */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public UUID userId() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            throw new Unauthenticated("Authentication required: send a valid access token as 'Authorization: Bearer <token>'");
        }
        return UUID.fromString(jwt.getSubject());
    }
}
