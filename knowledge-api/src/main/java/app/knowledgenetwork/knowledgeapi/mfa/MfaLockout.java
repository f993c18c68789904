package app.knowledgenetwork.knowledgeapi.mfa;

import app.knowledgenetwork.knowledgeapi.auth.User;
import app.knowledgenetwork.knowledgeapi.errors.Unauthenticated;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The per-account count of wrong second factors. Callers hold the user's row lock, so parallel guesses are
 * counted one after another and none is evaluated once the account is locked; the transaction must commit on
 * the refusal it throws (dontRollbackOn), or the count would be lost with it.
 */
@ApplicationScoped
public class MfaLockout {
    public static final String REASON = "MFA_LOCKED";

    private final int maxFailedAttempts;
    private final Counter lockouts;

    public MfaLockout(MfaConfig config, MeterRegistry meters) {
        this.maxFailedAttempts = config.maxFailedAttempts();
        if (maxFailedAttempts < 1) {
            throw new IllegalStateException("kn.mfa.max-failed-attempts (KN_MFA_MAX_FAILED_ATTEMPTS) must be at least 1, was " + maxFailedAttempts);
        }
        this.lockouts = Counter.builder("kn.mfa.lockouts").description("Accounts whose MFA step was locked after too many wrong codes").register(meters);
    }

    /** Refuses every code of a locked account, the right one included. */
    public void requireUnlocked(User user) {
        if (user.mfaLockedAt != null) {
            throw locked();
        }
    }

    /** Counts a wrong code; locks the account's MFA step when the limit is reached. Returns whether it is now locked. */
    public boolean failed(User user) {
        user.mfaFailedAttempts++;
        if (user.mfaFailedAttempts >= maxFailedAttempts && user.mfaLockedAt == null) {
            user.mfaLockedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            lockouts.increment();
            Log.warnf("MFA of user %s locked after %d wrong codes in a row", user.id, user.mfaFailedAttempts);
        }
        return user.mfaLockedAt != null;
    }

    public void succeeded(User user) {
        user.mfaFailedAttempts = 0;
    }

    /** What an admin does for a user who is locked out (or whose authenticator was in a guesser's hands). */
    public static void unlock(User user) {
        user.mfaFailedAttempts = 0;
        user.mfaLockedAt = null;
    }

    public static Unauthenticated locked() {
        return new Unauthenticated("Two-step verification is locked after too many wrong codes: ask a platform admin to unlock it (unlockMfa)", REASON);
    }
}
