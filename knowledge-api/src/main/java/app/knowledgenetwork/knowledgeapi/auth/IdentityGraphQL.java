package app.knowledgenetwork.knowledgeapi.auth;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class IdentityGraphQL {
    private final Accounts accounts;
    private final Caller caller;
    private final EntityManager em;
    private final CurrentVertxRequest request;
    private final ClientAddresses addresses;

    public IdentityGraphQL(Accounts accounts, Caller caller, EntityManager em, CurrentVertxRequest request, ClientAddresses addresses) {
        this.request = request;
        this.addresses = addresses;
        this.accounts = accounts;
        this.caller = caller;
        this.em = em;
    }

    @Mutation
    @Description("Creates an account and signs it in. The email is trimmed and lower-cased; an email already registered is a CONFLICT. Such refusals are capped per client address (RATE_LIMITED), so the API cannot be used to test a list of addresses.")
    public @NonNull AuthPayload register(@NonNull @Name("email") String email, @NonNull @Name("password") String password,
                                         @NonNull @Name("displayName") String displayName) {
        return accounts.register(email, password, displayName, clientAddress());
    }

    @Mutation
    @Description("Signs in with email and password. A wrong email or password is UNAUTHENTICATED, without saying which. Repeated failures for an account or from an address are RATE_LIMITED for a while. For an account with MFA, the result carries an mfaChallenge to complete with verifyMfa instead of a session.")
    public @NonNull LoginResult login(@NonNull @Name("email") String email, @NonNull @Name("password") String password) {
        return accounts.login(email, password, clientAddress());
    }

    @Mutation
    @Description("Exchanges a refresh token for new tokens. Each refresh token works once; replaying a used one revokes the whole session family.")
    public @NonNull AuthPayload refresh(@NonNull @Name("refreshToken") String refreshToken) {
        return accounts.refresh(refreshToken);
    }

    @Mutation
    @Description("Ends the session the refresh token belongs to. Returns false when the token is unknown.")
    public boolean logout(@NonNull @Name("refreshToken") String refreshToken) {
        return accounts.logout(refreshToken);
    }

    @Mutation
    @Description("Ends every session of the caller: revokes every refresh token (returns how many) and every access token issued until now, on every replica within a second.")
    public int logoutEverywhere() {
        return accounts.logoutEverywhere(caller.userId());
    }

    /** Behind the load balancer, the address its trusted hops forwarded (ClientAddresses). */
    private String clientAddress() {
        var current = request.getCurrent();
        return addresses.of(current == null ? null : current.request());
    }

    @Query
    @Description("The signed-in user.")
    public @NonNull UserView me() {
        User user = em.find(User.class, caller.userId());
        if (user == null) {
            throw new app.knowledgenetwork.knowledgeapi.errors.Unauthenticated("The account of this token no longer exists");
        }
        return UserView.self(user);
    }
}
