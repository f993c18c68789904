package app.knowledgenetwork.knowledgeapi.auth;

import org.eclipse.microprofile.graphql.Description;

@Description("Result of a password login: either a session, or (for an account with MFA) a challenge to complete with verifyMfa.")
public record LoginResult(
        @Description("The new session; null when MFA is required.") AuthPayload session,
        @Description("Single-use, valid 5 minutes; pass it to verifyMfa with a TOTP or recovery code.") String mfaChallenge) {
}
