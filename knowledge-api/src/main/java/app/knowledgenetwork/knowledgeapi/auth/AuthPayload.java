package app.knowledgenetwork.knowledgeapi.auth;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Tokens of a new session. Send accessToken as 'Authorization: Bearer ...'; exchange refreshToken with the refresh mutation before the access token expires.")
public record AuthPayload(
        @NonNull @Description("RS256 JWT, valid for accessTokenExpiresIn seconds.") String accessToken,
        @NonNull @Description("Lifetime of the access token in seconds.") int accessTokenExpiresIn,
        @NonNull @Description("Opaque, single-use refresh token (7 days).") String refreshToken,
        @NonNull UserView user) {
}
