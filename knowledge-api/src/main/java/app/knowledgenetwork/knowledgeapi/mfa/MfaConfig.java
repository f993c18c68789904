package app.knowledgenetwork.knowledgeapi.mfa;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the second factor; checked at start by {@link MfaLockout}. */
@ConfigMapping(prefix = "kn.mfa")
public interface MfaConfig {
    /**
     * Wrong second factors (login, confirmMfa, disableMfa) an account may give in a row before its MFA step is
     * locked until a platform admin unlocks it (KN_MFA_MAX_FAILED_ATTEMPTS). Counted per account, across challenges,
     * so a guesser who has the password cannot go on login after login.
     */
    @WithDefault("10")
    int maxFailedAttempts();

    /** The base64 AES-256 key TOTP secrets are sealed with (ENCRYPTION_KEY, required in production). */
    String encryptionKey();
}
