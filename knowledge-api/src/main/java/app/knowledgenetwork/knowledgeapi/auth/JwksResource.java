package app.knowledgenetwork.knowledgeapi.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** The public signing key as a JWK Set, for every service that verifies our access tokens (JWT_JWKS_URL). */
@Path("/.well-known/jwks.json")
public class JwksResource {
    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<Map<String, String>>> jwks() {
        return Map.of("keys", List.of(keys.jwk()));
    }
}
