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

    /**
     * The {@code aud} of every access token issued, and the only audience accepted (JWT_AUDIENCE): a token another
     * issuer's service was meant to take is refused here even if its issuer and key matched.
     */
    @WithDefault("knowledge-network")
    String audience();

    /** PKCS#8 PEM RSA private key (JWT_PRIVATE_KEY). */
    Optional<String> privateKey();

    /** Whether a missing private key may be replaced by an ephemeral one (dev and test only). */
    @WithDefault("false")
    boolean ephemeralKeyAllowed();

    @WithDefault("PT15M")
    Duration accessTokenTtl();

    @WithDefault("P7D")
    Duration refreshTokenTtl();

    /**
     * How long one sign-in lasts at most, however often it is refreshed (KN_AUTH_SESSION_MAX_LIFETIME); then its user
     * signs in again, with the second factor. 12 hours, as ASVS level 2 suggests for re-authentication.
     */
    @WithDefault("PT12H")
    Duration sessionMaxLifetime();

    /** Answers that tell whether an email is registered, allowed per asker and window ({@link EmailProbes}). */
    EmailProbeLimit emailProbes();

    interface EmailProbeLimit {
        /** How many (KN_AUTH_EMAIL_PROBES_MAX); then RATE_LIMITED until the window has passed. */
        @WithDefault("20")
        int max();

        @WithDefault("PT1H")
        Duration window();
    }
}
