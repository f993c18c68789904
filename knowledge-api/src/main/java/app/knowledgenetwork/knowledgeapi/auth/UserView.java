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
        @Description("Platform role, USER or ADMIN: given only on your own user (me, sign-in results), null on anyone else, whose role is nobody's business.") String platformRole) {

    /**
     * Another person, as documents, comments and members show them: without the platform role. So no workspace owner
     * learns who the admins are, and no cached document carries a role that an admin may since have changed.
     */
    public static UserView of(User user) {
        return new UserView(user.id.toString(), user.email, user.displayName, null);
    }

    /** The caller's own user, with the platform role. */
    public static UserView self(User user) {
        return new UserView(user.id.toString(), user.email, user.displayName, user.platformRole);
    }
}
