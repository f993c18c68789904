package app.knowledgenetwork.knowledgeapi.mfa;

import app.knowledgenetwork.knowledgeapi.auth.AuthPayload;
import app.knowledgenetwork.knowledgeapi.auth.Caller;
import app.knowledgenetwork.knowledgeapi.auth.ClientAddresses;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import app.knowledgenetwork.knowledgeapi.mfa.MfaEnrollment.RecoveryCodes;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@GraphQLApi
public class MfaGraphQL {
    private final Mfa mfa;
    private final Caller caller;
    private final CurrentVertxRequest request;
    private final ClientAddresses addresses;

    public MfaGraphQL(Mfa mfa, Caller caller, CurrentVertxRequest request, ClientAddresses addresses) {
        this.mfa = mfa;
        this.caller = caller;
        this.request = request;
        this.addresses = addresses;
    }

    @Mutation
    @Description("Starts TOTP enrolment: returns a secret and otpauth:// URI for an authenticator app. MFA is on after confirmMfa. Needs the account's password again (UNAUTHENTICATED when wrong; repeated failures are RATE_LIMITED like logins).")
    public @NonNull MfaEnrollment enrollMfa(@NonNull @Name("password") String password) {
        var current = request.getCurrent();
        return mfa.enroll(caller.userId(), password, addresses.of(current == null ? null : current.request()));
    }

    @Mutation
    @Description("Turns MFA on with a code from the authenticator; returns one-time recovery codes (shown only once).")
    public @NonNull RecoveryCodes confirmMfa(@NonNull @Name("code") String code) {
        return mfa.confirm(caller.userId(), code);
    }

    @Mutation
    @Description("Turns MFA off; needs a current TOTP code or an unused recovery code. Every session of the account ends (they were signed in with the second factor): sign in again.")
    public boolean disableMfa(@NonNull @Name("code") String code) {
        return mfa.disable(caller.userId(), code);
    }

    @Mutation
    @Description("Completes the login of an MFA user with the challenge from login and a TOTP or recovery code. The access token's amr then includes mfa.")
    public @NonNull AuthPayload verifyMfa(@NonNull @Name("challenge") String challenge, @NonNull @Name("code") String code) {
        return mfa.verify(challenge, code);
    }
}
