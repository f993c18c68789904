package app.knowledgenetwork.knowledgeapi.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Issues RS256 access tokens: sub = user id, groups = platform role, amr = how the user authenticated. */
@ApplicationScoped
public class AccessTokens {
    /** The moment of issue in milliseconds (AccessRevocations compares it with a revocation's). */
    public static final String ISSUED_AT_MILLIS = "kn_iat_ms";

    private final SigningKeys keys;
    private final AuthConfig config;

    public AccessTokens(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public String issue(User user, List<String> amr) {
        return Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(user.id.toString())
                .upn(user.email)
                .groups(Set.of(user.platformRole))
                .claim("amr", amr)
                .claim("jti", UUID.randomUUID().toString())
                // iat has whole seconds; a revocation in the same second must not spare a token issued just before it.
                .claim(ISSUED_AT_MILLIS, System.currentTimeMillis())
                .expiresIn(config.accessTokenTtl())
                .jws()
                .keyId(keys.keyId())
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(keys.keyPair().getPrivate());
    }

    public int ttlSeconds() {
        return (int) config.accessTokenTtl().toSeconds();
    }
}
