package app.knowledgenetwork.knowledgeapi.admin;

import app.knowledgenetwork.knowledgeapi.auth.PlatformRole;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * User administration. Every operation needs platform role ADMIN (else FORBIDDEN, reason ADMIN_REQUIRED) and an
 * access token from an MFA sign-in (else FORBIDDEN, reason MFA_REQUIRED).
 */
@GraphQLApi
public class AdminGraphQL {
    private final UserAdministration administration;

    public AdminGraphQL(UserAdministration administration) {
        this.administration = administration;
    }

    @Query
    @Description("Platform admins (ADMIN, MFA sign-in) only: user accounts, oldest first; emailContains keeps those whose email contains it (case-insensitive). 'first' is 1..100 (default 20).")
    public @NonNull UserAccountConnection users(@Name("first") Integer first, @Name("after") String after, @Name("emailContains") String emailContains) {
        return administration.list(first, after, emailContains);
    }

    @Mutation
    @Name("setPlatformRole")
    @Description("Platform admins (ADMIN, MFA sign-in) only: sets a user's platform role. The last enabled ADMIN cannot be demoted (CONFLICT).")
    public @NonNull UserAccountView setPlatformRole(@NonNull @Id @Name("userId") String userId, @NonNull @Name("role") PlatformRole role) {
        return administration.setPlatformRole(userId, role);
    }

    @Mutation
    @Description("Platform admins (ADMIN, MFA sign-in) only: disables an account. It can no longer log in or refresh, and its refresh tokens are revoked; access tokens already issued expire within 15 minutes. The last enabled ADMIN cannot be disabled (CONFLICT).")
    public @NonNull UserAccountView disableUser(@NonNull @Id @Name("userId") String userId) {
        return administration.disable(userId);
    }

    @Mutation
    @Description("Platform admins (ADMIN, MFA sign-in) only: enables a disabled account again; its user signs in anew.")
    public @NonNull UserAccountView enableUser(@NonNull @Id @Name("userId") String userId) {
        return administration.enable(userId);
    }

    @Mutation
    @Description("Platform admins (ADMIN, MFA sign-in) only: lifts the lock on a user's two-step verification after too many wrong codes (UNAUTHENTICATED with reason MFA_LOCKED). Check with the user first: the codes may have been guessed by someone who has the password.")
    public @NonNull UserAccountView unlockMfa(@NonNull @Id @Name("userId") String userId) {
        return administration.unlockMfa(userId);
    }
}
