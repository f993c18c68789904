package app.knowledgenetwork.knowledgeapi.mfa;

import app.knowledgenetwork.common.secrets.SecretBox;
import app.knowledgenetwork.knowledgeapi.auth.User;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * TOTP secrets at rest: sealed with AES-256-GCM under ENCRYPTION_KEY (common's {@link SecretBox}), bound to their
 * user, so a copy of the database (a backup, a replica, a stolen snapshot) does not give away anyone's second factor.
 * A secret stored before sealing existed is still read, and sealed the next time its row is written under lock.
 * Built at start: a missing or malformed ENCRYPTION_KEY stops the service naming the variable.
 */
@Startup
@ApplicationScoped
public class TotpSecrets {
    private final SecretBox box;

    public TotpSecrets(MfaConfig config) {
        try {
            this.box = SecretBox.fromBase64("ENCRYPTION_KEY", config.encryptionKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Stores a new base32 secret on the user, sealed. */
    public void store(User user, String base32) {
        user.totpSecret = box.seal(base32, context(user));
    }

    /** The user's base32 secret; a legacy plain one is sealed on the way (the caller holds the row lock). */
    public String read(User user) {
        if (!SecretBox.isSealed(user.totpSecret)) {
            String plain = user.totpSecret;
            store(user, plain);
            return plain;
        }
        return box.open(user.totpSecret, context(user));
    }

    private static String context(User user) {
        return "user:" + user.id + ":totp";
    }
}
