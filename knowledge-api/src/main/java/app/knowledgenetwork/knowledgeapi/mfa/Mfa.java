package app.knowledgenetwork.knowledgeapi.mfa;

import app.knowledgenetwork.knowledgeapi.auth.AccessRevocations;
import app.knowledgenetwork.knowledgeapi.auth.Accounts;
import app.knowledgenetwork.knowledgeapi.auth.AuthPayload;
import app.knowledgenetwork.knowledgeapi.auth.LoginThrottle;
import app.knowledgenetwork.knowledgeapi.auth.PasswordHasher;
import app.knowledgenetwork.knowledgeapi.auth.RefreshTokens;
import app.knowledgenetwork.knowledgeapi.auth.User;
import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import app.knowledgenetwork.knowledgeapi.errors.Conflict;
import app.knowledgenetwork.knowledgeapi.errors.Unauthenticated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;

/** TOTP enrolment, confirmation, disabling, recovery codes, and completing the login of an MFA user. */
@ApplicationScoped
public class Mfa {
    private static final String ISSUER = "Knowledge Network";
    private static final int RECOVERY_CODES = 10;

    private final EntityManager em;
    private final Accounts accounts;
    private final MfaChallenges challenges;
    private final MfaLockout lockout;
    private final RefreshTokens refreshTokens;
    private final SecureRandom random = new SecureRandom();

    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AccessRevocations accessRevocations;
    private final TotpSecrets totpSecrets;

    public Mfa(EntityManager em, Accounts accounts, MfaChallenges challenges, MfaLockout lockout, RefreshTokens refreshTokens,
               PasswordHasher hasher, LoginThrottle throttle, AccessRevocations accessRevocations, TotpSecrets totpSecrets) {
        this.totpSecrets = totpSecrets;
        this.accessRevocations = accessRevocations;
        this.em = em;
        this.hasher = hasher;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.challenges = challenges;
        this.lockout = lockout;
    }

    /**
     * Enrolment as a user asks for it: with the account's password again, so an access token alone (a stolen one)
     * cannot put the attacker's authenticator on the account. Wrong passwords count in the login throttle.
     */
    @Transactional
    public MfaEnrollment enroll(UUID userId, String password, String clientAddress) {
        User user = em.find(User.class, userId);
        LoginThrottle.Attempt attempt = throttle.attempt(user.email, clientAddress);
        if (!hasher.matches(password == null ? "" : password, user.passwordHash)) {
            throttle.failed(attempt);
            throw new Unauthenticated("password: wrong password; enrolling an authenticator needs the account's password");
        }
        throttle.succeeded(attempt);
        return enroll(userId);
    }

    /** Enrolment without asking again: for the demo seeding only, which has just created the account. */
    @Transactional
    public MfaEnrollment enroll(UUID userId) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user.totpEnabled) {
            throw new Conflict("MFA is already enabled: disable it first to enrol a new authenticator");
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String base32 = Totp.base32(secret);
        totpSecrets.store(user, base32);
        String uri = "otpauth://totp/" + encode(ISSUER) + ":" + encode(user.email) + "?secret=" + base32 + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=6&period=30";
        return new MfaEnrollment(base32, uri);
    }

    /** A wrong code counts toward the account's MFA lockout, so the refusals must commit. */
    @Transactional(dontRollbackOn = {BadUserInput.class, Unauthenticated.class})
    public MfaEnrollment.RecoveryCodes confirm(UUID userId, String code) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user.totpEnabled) {
            throw new Conflict("MFA is already enabled");
        }
        if (user.totpSecret == null) {
            throw new Conflict("No MFA enrolment to confirm: call enrollMfa first");
        }
        lockout.requireUnlocked(user);
        if (!acceptTotp(user, code)) {
            if (lockout.failed(user)) {
                throw MfaLockout.locked();
            }
            throw new BadUserInput("code: does not match the authenticator's current code");
        }
        lockout.succeeded(user);
        user.totpEnabled = true;
        return new MfaEnrollment.RecoveryCodes(newRecoveryCodes(user.id));
    }

    /** A wrong code counts toward the account's MFA lockout, so the refusals must commit. */
    @Transactional(dontRollbackOn = {BadUserInput.class, Unauthenticated.class})
    public boolean disable(UUID userId, String code) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (!user.totpEnabled) {
            throw new Conflict("MFA is not enabled");
        }
        lockout.requireUnlocked(user);
        if (!acceptTotp(user, code) && !acceptRecoveryCode(user.id, code)) {
            if (lockout.failed(user)) {
                throw MfaLockout.locked();
            }
            throw new BadUserInput("code: not a current TOTP code or an unused recovery code");
        }
        lockout.succeeded(user);
        user.totpEnabled = false;
        user.totpSecret = null;
        // Sessions signed in with the second factor would keep amr "mfa" through every refresh: they end here.
        refreshTokens.revokeAllOf(user.id);
        accessRevocations.revokeAllOf(user.id);
        em.createNativeQuery("DELETE FROM mfa_recovery_code WHERE user_id = ?1").setParameter(1, user.id).executeUpdate();
        return true;
    }

    /**
     * Completes a login: a TOTP code or one unused recovery code. Wrong codes count twice: five end the challenge,
     * and the account's limit (across challenges) locks its MFA step. The refusals commit, so the count holds.
     */
    @Transactional(dontRollbackOn = Unauthenticated.class)
    public AuthPayload verify(String challenge, String code) {
        String presented = challenge == null ? "" : challenge;
        UUID userId = challenges.userOf(presented).orElseThrow(Mfa::invalidChallenge);
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        // Parallel guesses queue on the row lock: one that waited while the challenge was used up must not be tried.
        if (challenges.userOf(presented).isEmpty()) {
            throw invalidChallenge();
        }
        if (user.disabledAt != null) {
            challenges.completed(challenge);
            Accounts.requireEnabled(user);
        }
        if (user.mfaLockedAt != null) {
            challenges.completed(challenge);
            throw MfaLockout.locked();
        }
        String amr;
        if (acceptTotp(user, code)) {
            amr = "pwd otp mfa";
        } else if (acceptRecoveryCode(user.id, code)) {
            amr = "pwd mfa";
        } else {
            if (lockout.failed(user)) {
                challenges.completed(challenge);
                throw MfaLockout.locked();
            }
            boolean usedUp = challenges.failed(challenge);
            throw new Unauthenticated(usedUp ? "Wrong code, too many times: log in again" : "Wrong code");
        }
        lockout.succeeded(user);
        challenges.completed(challenge);
        return accounts.startSession(user, UUID.randomUUID(), amr);
    }

    private static Unauthenticated invalidChallenge() {
        return new Unauthenticated("MFA challenge is invalid or expired: log in again");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private boolean acceptTotp(User user, String code) {
        OptionalLong step = Totp.verify(Totp.fromBase32(totpSecrets.read(user)), code, Instant.now().getEpochSecond(), user.totpLastStep);
        step.ifPresent(s -> user.totpLastStep = s);
        return step.isPresent();
    }

    private boolean acceptRecoveryCode(UUID userId, String code) {
        if (code == null) {
            return false;
        }
        String normalized = code.strip().toUpperCase(Locale.ROOT).replace("-", "");
        return em.createNativeQuery("UPDATE mfa_recovery_code SET used_at = now() WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL")
                .setParameter(1, userId).setParameter(2, MfaChallenges.digest(normalized)).executeUpdate() == 1;
    }

    private List<String> newRecoveryCodes(UUID userId) {
        em.createNativeQuery("DELETE FROM mfa_recovery_code WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[10];
            random.nextBytes(bytes);
            String raw = Totp.base32(bytes).substring(0, 10);
            codes.add(raw.substring(0, 5) + "-" + raw.substring(5));
            em.createNativeQuery("INSERT INTO mfa_recovery_code (user_id, code_hash) VALUES (?1, ?2)")
                    .setParameter(1, userId).setParameter(2, MfaChallenges.digest(raw)).executeUpdate();
        }
        return codes;
    }
}
