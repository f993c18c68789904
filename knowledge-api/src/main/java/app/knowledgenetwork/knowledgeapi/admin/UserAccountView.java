package app.knowledgenetwork.knowledgeapi.admin;

import app.knowledgenetwork.knowledgeapi.auth.PlatformRole;
import app.knowledgenetwork.knowledgeapi.auth.User;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("UserAccount")
@Description("A user as platform admins see it: the account's role and state.")
public record UserAccountView(
        @Id @NonNull String id,
        @NonNull @Description("Normalized (trimmed, lower-case) email address.") String email,
        @NonNull String displayName,
        @NonNull PlatformRole platformRole,
        @NonNull @Description("Whether the user signs in with a TOTP second factor.") boolean mfaEnabled,
        @NonNull @Description("Whether two-step verification is locked after too many wrong codes; unlockMfa lifts it.") boolean mfaLocked,
        @NonNull @Description("A disabled user can neither log in nor refresh a session.") boolean disabled,
        @Description("When the account was disabled; null while enabled.") Instant disabledAt,
        @NonNull Instant createdAt) {

    static UserAccountView of(User user) {
        return new UserAccountView(user.id.toString(), user.email, user.displayName, PlatformRole.valueOf(user.platformRole), user.totpEnabled, user.mfaLockedAt != null,
                user.disabledAt != null, user.disabledAt, user.createdAt);
    }
}
