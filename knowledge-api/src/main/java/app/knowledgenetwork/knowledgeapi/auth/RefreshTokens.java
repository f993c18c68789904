package app.knowledgenetwork.knowledgeapi.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque rotating refresh tokens. Only SHA-256 digests are stored; each token is good for one exchange, and
 * presenting a spent one again revokes its whole family (the legitimate holder and a thief share it).
 * <p>
 * A family is one sign-in, with a row of its own: an exchange locks it before it spends the token and inserts the
 * successor, and a revocation updates it first. So a revocation waits for an exchange in flight and then revokes
 * the successor that exchange inserted too; before, it missed that uncommitted row and the thief's next refresh
 * succeeded. The family's start bounds the session's absolute lifetime.
 */
@ApplicationScoped
public class RefreshTokens {
    private final EntityManager em;
    private final AuthConfig config;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokens(EntityManager em, AuthConfig config) {
        this.em = em;
        this.config = config;
    }

    /** What an exchanged token belonged to; {@code expired} when its session is past its absolute lifetime. */
    public record Spent(UUID userId, UUID familyId, String amr, boolean expired) {
    }

    public String issue(UUID userId, UUID familyId, String amr) {
        em.createNativeQuery("INSERT INTO refresh_family (id, user_id) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, familyId).setParameter(2, userId).executeUpdate();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        em.createNativeQuery("INSERT INTO refresh_token (token_hash, user_id, family_id, amr, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, digest(token))
                .setParameter(2, userId)
                .setParameter(3, familyId)
                .setParameter(4, amr)
                .setParameter(5, Instant.now().plus(config.refreshTokenTtl()))
                .executeUpdate();
        return token;
    }

    /**
     * Marks the token used, atomically, so two concurrent exchanges cannot both succeed. Holds its family's lock
     * until the transaction ends, so the successor is inserted before any revocation of the family can run.
     */
    public Optional<Spent> spend(String token) {
        Optional<UUID> family = familyOf(token);
        if (family.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> session = em.createNativeQuery("SELECT started_at, revoked_at FROM refresh_family WHERE id = ?1 FOR UPDATE")
                .setParameter(1, family.get()).getResultList();
        if (session.isEmpty() || session.getFirst()[1] != null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                UPDATE refresh_token SET used_at = now()
                 WHERE token_hash = ?1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
                RETURNING user_id, family_id, amr""")
                .setParameter(1, digest(token))
                .getResultList();
        Instant started = (Instant) session.getFirst()[0];
        boolean expired = started.plus(config.sessionMaxLifetime()).isBefore(Instant.now());
        return rows.stream().findFirst().map(r -> new Spent((UUID) r[0], (UUID) r[1], (String) r[2], expired));
    }

    /** The family of a token that exists but can no longer be exchanged (used, revoked or expired). */
    public Optional<UUID> familyOf(String token) {
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery("SELECT family_id FROM refresh_token WHERE token_hash = ?1")
                .setParameter(1, digest(token))
                .getResultList();
        return rows.stream().findFirst();
    }

    public boolean wasUsed(String token) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT 1 FROM refresh_token WHERE token_hash = ?1 AND used_at IS NOT NULL")
                .setParameter(1, digest(token))
                .getResultList();
        return !rows.isEmpty();
    }

    /** Revokes the family first (waiting for an exchange in flight), then every token of it, its successor included. */
    public void revokeFamily(UUID familyId) {
        em.createNativeQuery("UPDATE refresh_family SET revoked_at = coalesce(revoked_at, now()) WHERE id = ?1")
                .setParameter(1, familyId)
                .executeUpdate();
        em.createNativeQuery("UPDATE refresh_token SET revoked_at = now() WHERE family_id = ?1 AND revoked_at IS NULL")
                .setParameter(1, familyId)
                .executeUpdate();
    }

    /** Every session of the user; returns how many unused tokens were revoked. */
    public int revokeAllOf(UUID userId) {
        em.createNativeQuery("UPDATE refresh_family SET revoked_at = now() WHERE user_id = ?1 AND revoked_at IS NULL")
                .setParameter(1, userId)
                .executeUpdate();
        return em.createNativeQuery("UPDATE refresh_token SET revoked_at = now() WHERE user_id = ?1 AND revoked_at IS NULL AND used_at IS NULL")
                .setParameter(1, userId)
                .executeUpdate();
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
