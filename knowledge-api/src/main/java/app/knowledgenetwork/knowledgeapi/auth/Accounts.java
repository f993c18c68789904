package app.knowledgenetwork.knowledgeapi.auth;

import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import app.knowledgenetwork.knowledgeapi.errors.Conflict;
import app.knowledgenetwork.knowledgeapi.errors.Unauthenticated;
import app.knowledgenetwork.knowledgeapi.mfa.MfaChallenges;
import app.knowledgenetwork.knowledgeapi.mfa.MfaLockout;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Registration, login and the refresh-token lifecycle. */
@ApplicationScoped
public class Accounts {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final String INVALID_LOGIN = "Invalid email or password";

    private final EntityManager em;
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final MeterRegistry meters;
    private final LoginThrottle throttle;
    private final AccessRevocations accessRevocations;
    private final MfaChallenges challenges;
    private final EmailProbes probes;
    /** Checked against when the email is unknown, so a miss costs as much time as a wrong password. */
    private final String decoyHash;

    public Accounts(EntityManager em, PasswordHasher hasher, AccessTokens accessTokens, RefreshTokens refreshTokens, MeterRegistry meters,
                    LoginThrottle throttle, MfaChallenges challenges, AccessRevocations accessRevocations, EmailProbes probes) {
        this.probes = probes;
        this.accessRevocations = accessRevocations;
        this.throttle = throttle;
        this.challenges = challenges;
        this.em = em;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.meters = meters;
        this.decoyHash = hasher.hash(UUID.randomUUID().toString());
    }

    public static String normalizeEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    @Transactional
    public AuthPayload register(String rawEmail, String password, String displayName, String clientAddress) {
        // "Already exists" tells whether an address is registered: capped per client address (EmailProbes).
        EmailProbes.Probe probe = probes.begin("register", clientAddress);
        User user;
        try {
            user = create(rawEmail, password, displayName, PlatformRole.USER);
        } catch (Conflict exists) {
            throw exists;
        } catch (RuntimeException refused) {
            probes.revealedNothing(probe);
            throw refused;
        }
        probes.revealedNothing(probe);
        meters.counter("kn.users.registered").increment();
        return startSession(user, UUID.randomUUID(), "pwd");
    }

    /** A new account, validated as registration does, without signing it in. */
    @Transactional
    public User create(String rawEmail, String password, String displayName, PlatformRole role) {
        String email = normalizeEmail(rawEmail);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new BadUserInput("email: '" + rawEmail + "' is not an email address");
        }
        if (password == null || password.length() < 10 || password.length() > 256) {
            throw new BadUserInput("password: must be between 10 and 256 characters");
        }
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new BadUserInput("displayName: must be 1 to 100 characters");
        }
        if (findByEmail(email).isPresent()) {
            throw new Conflict("email: an account with " + email + " already exists");
        }
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.displayName = name;
        user.passwordHash = hasher.hash(password);
        user.platformRole = role.name();
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.persist(user);
        em.flush();
        return user;
    }

    @Transactional
    public LoginResult login(String rawEmail, String password, String clientAddress) {
        String email = normalizeEmail(rawEmail);
        if (email.length() > 254) {
            throw new Unauthenticated(INVALID_LOGIN); // longer than any registered address; never part of a Redis key
        }
        LoginThrottle.Attempt attempt = throttle.attempt(email, clientAddress);
        Optional<User> user = findByEmail(email);
        String pw = password == null ? "" : password;
        boolean ok;
        if (user.isPresent()) {
            ok = hasher.matches(pw, user.get().passwordHash);
        } else {
            hasher.matches(pw, decoyHash);
            ok = false;
        }
        if (!ok) {
            throttle.failed(attempt);
            throw new Unauthenticated(INVALID_LOGIN);
        }
        throttle.succeeded(attempt);
        requireEnabled(user.get());
        if (user.get().totpEnabled) {
            // Said only after the right password, so it tells a guesser nothing.
            if (user.get().mfaLockedAt != null) {
                throw MfaLockout.locked();
            }
            return new LoginResult(null, challenges.issue(user.get().id));
        }
        return new LoginResult(startSession(user.get(), UUID.randomUUID(), "pwd"), null);
    }

    /** Rotates the refresh token. A replayed token revokes its family; that revocation must commit. */
    @Transactional(dontRollbackOn = Unauthenticated.class)
    public AuthPayload refresh(String token) {
        Optional<RefreshTokens.Spent> spent = refreshTokens.spend(token == null ? "" : token);
        if (spent.isEmpty()) {
            if (refreshTokens.wasUsed(token)) {
                refreshTokens.familyOf(token).ifPresent(refreshTokens::revokeFamily);
                throw new Unauthenticated("Refresh token was already used: every session of this login has been revoked");
            }
            throw new Unauthenticated("Refresh token is invalid, expired or revoked");
        }
        if (spent.get().expired()) {
            refreshTokens.revokeFamily(spent.get().familyId());
            throw new Unauthenticated("This session has reached its maximum lifetime: sign in again", "SESSION_EXPIRED");
        }
        User user = em.find(User.class, spent.get().userId());
        if (user.disabledAt != null) {
            refreshTokens.revokeFamily(spent.get().familyId());
        }
        requireEnabled(user);
        return startSession(user, spent.get().familyId(), spent.get().amr());
    }

    /** Only said after the right password (or a valid token), so it reveals nothing to a guesser. */
    public static void requireEnabled(User user) {
        if (user.disabledAt != null) {
            throw new Unauthenticated("This account is disabled: ask a platform admin to enable it", "ACCOUNT_DISABLED");
        }
    }

    @Transactional
    public boolean logout(String token) {
        Optional<UUID> family = refreshTokens.familyOf(token == null ? "" : token);
        family.ifPresent(refreshTokens::revokeFamily);
        return family.isPresent();
    }

    @Transactional
    public int logoutEverywhere(UUID userId) {
        accessRevocations.revokeAllOf(userId);
        return refreshTokens.revokeAllOf(userId);
    }

    public Optional<User> findByEmail(String normalizedEmail) {
        return em.createQuery("from User where email = :email", User.class)
                .setParameter("email", normalizedEmail)
                .getResultStream().findFirst();
    }

    /** amr is space separated (RFC 8176 values), e.g. "pwd otp mfa". */
    public AuthPayload startSession(User user, UUID familyId, String amr) {
        String access = accessTokens.issue(user, List.of(amr.split(" ")));
        String refresh = refreshTokens.issue(user.id, familyId, amr);
        return new AuthPayload(access, accessTokens.ttlSeconds(), refresh, UserView.self(user));
    }
}
