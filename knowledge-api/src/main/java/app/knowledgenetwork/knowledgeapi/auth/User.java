package app.knowledgenetwork.knowledgeapi.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "app_user")
public class User extends io.quarkus.hibernate.orm.panache.PanacheEntityBase {
    @Id
    public UUID id;
    public String email;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "platform_role")
    public String platformRole;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The TOTP secret, sealed (mfa/TotpSecrets); only trusted when totpEnabled. */
    @Column(name = "totp_secret")
    public String totpSecret;
    @Column(name = "totp_enabled")
    public boolean totpEnabled;
    @Column(name = "totp_last_step")
    public long totpLastStep;
    /** Set while a platform admin has disabled the account; null when enabled. */
    @Column(name = "disabled_at")
    public Instant disabledAt;
    /** Wrong second factors in a row, across challenges; reset by a right one. */
    @Column(name = "mfa_failed_attempts")
    public int mfaFailedAttempts;
    /** Set once mfaFailedAttempts reaches the limit; the MFA step refuses every code until an admin clears it. */
    @Column(name = "mfa_locked_at")
    public Instant mfaLockedAt;

    public boolean isAdmin() {
        return PlatformRole.ADMIN.name().equals(platformRole);
    }
}
