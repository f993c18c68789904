package app.knowledgenetwork.knowledgeapi.auth;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("User")
@Description("A person with an account.")
public record UserView(
        @Id @NonNull String id,
        @NonNull @Description("Normalized (trimmed, lower-case) email address.") String email,
        @NonNull String displayName,
        @Description("Platform role, USER or ADMIN: given only on your own user (me, sign-in results), null on anyone else, whose role is nobody's business.") String platformRole,
        @Description("Whether sign-in asks for a TOTP code after the password: given only on your own user (me, sign-in results), null on anyone else.") Boolean mfaEnabled) {

    /**
     * Another person, as documents, comments and members show them: without the platform role. So no workspace owner
     * learns who the admins are, and no cached document carries a role that an admin may since have changed.
     */
    public static UserView of(User user) {
        return new UserView(user.id.toString(), user.email, user.displayName, null, null);
    }

    /** Another person from a row's id, email and display name (the lists that read them with SQL). */
    public static UserView of(String id, String email, String displayName) {
        return new UserView(id, email, displayName, null, null);
    }

    /** The caller's own user, with the platform role and whether MFA is on. */
    public static UserView self(User user) {
        return new UserView(user.id.toString(), user.email, user.displayName, user.platformRole, user.totpEnabled);
    }
}
