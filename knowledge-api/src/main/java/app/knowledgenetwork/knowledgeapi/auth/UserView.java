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
        @NonNull @Description("Platform role: USER or ADMIN.") String platformRole) {

    public static UserView of(User user) {
        return new UserView(user.id.toString(), user.email, user.displayName, user.platformRole);
    }
}
