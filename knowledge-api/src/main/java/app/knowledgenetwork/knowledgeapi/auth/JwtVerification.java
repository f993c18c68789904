package app.knowledgenetwork.knowledgeapi.auth;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.util.Set;

/** Incoming tokens are verified against the very key this service signs with (RS256 only), from our issuer, for our audience. */
public class JwtVerification {
    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(SigningKeys keys, AuthConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.publicKey(), config.issuer());
        info.setRequireNamedPrincipal(false);
        info.setExpectedAudience(Set.of(config.audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        return info;
    }
}
