package app.knowledgenetwork.knowledgeapi.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the identity provider; checked at start by {@link SigningKeys}. */
@ConfigMapping(prefix = "kn.auth")
public interface AuthConfig {
    /** The {@code iss} of every token issued, and the only issuer accepted (JWT_ISSUER). */
    String issuer();

    /** PKCS#8 PEM RSA private key (JWT_PRIVATE_KEY). */
    Optional<String> privateKey();

    /** Whether a missing private key may be replaced by an ephemeral one (dev and test only). */
    @WithDefault("false")
    boolean ephemeralKeyAllowed();

    @WithDefault("PT15M")
    Duration accessTokenTtl();

    @WithDefault("P7D")
    Duration refreshTokenTtl();
}
