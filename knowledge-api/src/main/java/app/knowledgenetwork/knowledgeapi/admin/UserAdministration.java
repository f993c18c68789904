package app.knowledgenetwork.knowledgeapi.admin;

import app.knowledgenetwork.knowledgeapi.Ids;
import app.knowledgenetwork.knowledgeapi.auth.AccessRevocations;
import app.knowledgenetwork.knowledgeapi.auth.PlatformRole;
import app.knowledgenetwork.knowledgeapi.auth.RefreshTokens;
import app.knowledgenetwork.knowledgeapi.auth.User;
import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import app.knowledgenetwork.knowledgeapi.errors.Conflict;
import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import app.knowledgenetwork.knowledgeapi.mfa.MfaLockout;
import app.knowledgenetwork.knowledgeapi.paging.Cursor;
import app.knowledgenetwork.knowledgeapi.paging.PageInfo;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** What platform admins do to accounts. Every operation first passes the {@link AdminGate}. */
@ApplicationScoped
public class UserAdministration {
    static final String LAST_ADMIN = "The last enabled ADMIN cannot be demoted or disabled: make another user ADMIN first";

    private final EntityManager em;
    private final AdminGate gate;
    private final RefreshTokens refreshTokens;
    private final AccessRevocations accessRevocations;

    public UserAdministration(EntityManager em, AdminGate gate, RefreshTokens refreshTokens, AccessRevocations accessRevocations) {
        this.accessRevocations = accessRevocations;
        this.em = em;
        this.gate = gate;
        this.refreshTokens = refreshTokens;
    }

    @Transactional
    public UserAccountConnection list(Integer first, String after, String emailContains) {
        gate.requireAdmin();
        int size = Cursor.pageSize(first);
        Cursor from = Cursor.decode(after);
        String filter = emailContains == null ? "" : emailContains.strip().toLowerCase(Locale.ROOT);
        if (filter.length() > 254) {
            throw new BadUserInput("emailContains: must be at most 254 characters");
        }
        // Emails are stored lower-case; the filter is a literal substring, so LIKE's wildcards are escaped.
        String pattern = "%" + filter.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        @SuppressWarnings("unchecked")
        List<User> rows = em.createNativeQuery("""
                SELECT * FROM app_user
                 WHERE email LIKE ?1 ESCAPE '\\'
                   AND (CAST(?2 AS timestamptz) IS NULL OR (created_at, id) > (CAST(?2 AS timestamptz), ?3))
                 ORDER BY created_at, id
                 LIMIT ?4""", User.class)
                .setParameter(1, pattern)
                .setParameter(2, from == null ? null : from.time())
                .setParameter(3, from == null ? new UUID(0, 0) : from.id())
                .setParameter(4, size + 1)
                .getResultList();
        List<UserAccountConnection.UserAccountEdge> edges = new ArrayList<>();
        for (User user : rows.subList(0, Math.min(size, rows.size()))) {
            edges.add(new UserAccountConnection.UserAccountEdge(Cursor.at(user.createdAt, user.id).encode(), UserAccountView.of(user)));
        }
        String end = edges.isEmpty() ? null : edges.getLast().cursor();
        return new UserAccountConnection(edges, new PageInfo(rows.size() > size, end));
    }

    @Transactional
    public UserAccountView setPlatformRole(String userId, PlatformRole role) {
        UUID admin = gate.requireAdmin();
        List<UUID> admins = lockEnabledAdmins();
        User user = target(userId);
        if (role != PlatformRole.ADMIN && admins.contains(user.id) && admins.size() == 1) {
            throw new Conflict(LAST_ADMIN);
        }
        if (!role.name().equals(user.platformRole)) {
            Log.infof("admin %s changed the platform role of user %s from %s to %s", admin, user.id, user.platformRole, role);
            user.platformRole = role.name();
        }
        return UserAccountView.of(user);
    }

    /** Disables the account and revokes its refresh tokens and, on every replica within a second, its access tokens. */
    @Transactional
    public UserAccountView disable(String userId) {
        UUID admin = gate.requireAdmin();
        List<UUID> admins = lockEnabledAdmins();
        User user = target(userId);
        if (user.disabledAt == null) {
            if (admins.contains(user.id) && admins.size() == 1) {
                throw new Conflict(LAST_ADMIN);
            }
            user.disabledAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            int revoked = refreshTokens.revokeAllOf(user.id);
            accessRevocations.revokeAllOf(user.id);
            Log.infof("admin %s disabled user %s (%d refresh tokens revoked)", admin, user.id, revoked);
        }
        return UserAccountView.of(user);
    }

    @Transactional
    public UserAccountView enable(String userId) {
        UUID admin = gate.requireAdmin();
        User user = target(userId);
        if (user.disabledAt != null) {
            user.disabledAt = null;
            Log.infof("admin %s enabled user %s", admin, user.id);
        }
        return UserAccountView.of(user);
    }

    /** Lifts the lock that too many wrong second factors put on the account's MFA step; the count starts again. */
    @Transactional
    public UserAccountView unlockMfa(String userId) {
        UUID admin = gate.requireAdmin();
        User user = target(userId);
        if (user.mfaLockedAt != null || user.mfaFailedAttempts > 0) {
            MfaLockout.unlock(user);
            Log.infof("admin %s unlocked the MFA of user %s", admin, user.id);
        }
        return UserAccountView.of(user);
    }

    private User target(String userId) {
        User user = em.find(User.class, Ids.parse(userId, "User"), LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw new NotFound("User not found");
        }
        return user;
    }

    /**
     * Locks the enabled admins' rows (always in id order, before the target's row, so concurrent admin
     * operations cannot deadlock) so two admins cannot both step down at once and leave none.
     */
    private List<UUID> lockEnabledAdmins() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT id FROM app_user WHERE platform_role = 'ADMIN' AND disabled_at IS NULL ORDER BY id FOR UPDATE")
                .getResultList();
        return ids;
    }
}
