package app.knowledgenetwork.knowledgeapi.mfa;

import app.knowledgenetwork.knowledgeapi.auth.AuthPayload;
import app.knowledgenetwork.knowledgeapi.auth.Caller;
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

    public MfaGraphQL(Mfa mfa, Caller caller) {
        this.mfa = mfa;
        this.caller = caller;
    }

    @Mutation
    @Description("Starts TOTP enrolment: returns a secret and otpauth:// URI for an authenticator app. MFA is on after confirmMfa.")
    public @NonNull MfaEnrollment enrollMfa() {
        return mfa.enroll(caller.userId());
    }

    @Mutation
    @Description("Turns MFA on with a code from the authenticator; returns one-time recovery codes (shown only once).")
    public @NonNull RecoveryCodes confirmMfa(@NonNull @Name("code") String code) {
        return mfa.confirm(caller.userId(), code);
    }

    @Mutation
    @Description("Turns MFA off; needs a current TOTP code or an unused recovery code.")
    public boolean disableMfa(@NonNull @Name("code") String code) {
        return mfa.disable(caller.userId(), code);
    }

    @Mutation
    @Description("Completes the login of an MFA user with the challenge from login and a TOTP or recovery code. The access token's amr then includes mfa.")
    public @NonNull AuthPayload verifyMfa(@NonNull @Name("challenge") String challenge, @NonNull @Name("code") String code) {
        return mfa.verify(challenge, code);
    }
}
