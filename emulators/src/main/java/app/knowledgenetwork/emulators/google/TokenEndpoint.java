package app.knowledgenetwork.emulators.google;

import app.knowledgenetwork.emulators.keep.KeepRequestCounts;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Google's OAuth 2.0 token endpoint ({@code https://oauth2.googleapis.com/token}) for the two grants
 * the sync uses: a service account's JWT assertion with domain-wide delegation, and a user's refresh
 * token. The access token it returns is bound to the delegated user and the granted scopes.
 */
@Path("/google/oauth2/token")
public class TokenEndpoint {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final Set<String> KEEP_SCOPES = Set.of("https://www.googleapis.com/auth/keep",
            "https://www.googleapis.com/auth/keep.readonly");

    private final GoogleIdentities identities;
    private final KeepRequestCounts counts;
    private final ObjectMapper json;

    private final OAuthClients clients;
    private final AuthorizationCodes codes;

    public TokenEndpoint(GoogleIdentities identities, KeepRequestCounts counts, ObjectMapper json, OAuthClients clients,
                         AuthorizationCodes codes) {
        this.clients = clients;
        this.codes = codes;
        this.identities = identities;
        this.counts = counts;
        this.json = json;
    }

    /** Exchanges a grant for an access token: {@code {access_token, expires_in, token_type}}. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> token(@FormParam("grant_type") String grantType, @FormParam("assertion") String assertion,
            @FormParam("refresh_token") String refreshToken, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @FormParam("code") String code,
            @FormParam("redirect_uri") String redirectUri, @FormParam("code_verifier") String codeVerifier) {
        counts.count("token." + (grantType == null ? "none" : grantType));
        if (grantType == null || grantType.isBlank()) {
            throw OAuthError.invalidRequest("Missing required parameter: grant_type");
        }
        if ("authorization_code".equals(grantType)) {
            return authorizationCode(code, clientId, clientSecret, redirectUri, codeVerifier);
        }
        GoogleIdentities.AccessToken token = switch (grantType) {
            case JWT_BEARER -> serviceAccount(assertion);
            case "refresh_token" -> refresh(refreshToken, clientId, clientSecret);
            default -> throw new OAuthError(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
        };
        return Map.of("access_token", token.token(), "expires_in", GoogleIdentities.ACCESS_TOKEN_LIFETIME.toSeconds(),
                "token_type", "Bearer");
    }

    /**
     * A code from the consent page, redeemed once by the client it was issued to, with the same redirect URI
     * and the PKCE verifier of its challenge. With {@code access_type=offline} the answer carries a refresh
     * token, registered like any other, so the refresh grant and the Keep API accept what it leads to.
     */
    private Map<String, Object> authorizationCode(String code, String clientId, String clientSecret, String redirectUri,
                                                  String verifier) {
        if (code == null || code.isBlank()) {
            throw OAuthError.invalidRequest("Missing required parameter: code");
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            throw OAuthError.invalidRequest("Missing parameter: redirect_uri");
        }
        OAuthClients.OAuthClient client = clients.find(clientId)
                .filter(c -> c.clientSecret().equals(clientSecret))
                .orElseThrow(() -> new OAuthError(401, "invalid_client", "The OAuth client was not found."));
        AuthorizationCodes.Code issued = codes.redeem(code)
                .orElseThrow(() -> OAuthError.invalidGrant("Malformed auth code."));
        if (!issued.clientId().equals(client.clientId())) {
            throw OAuthError.invalidGrant("Malformed auth code.");
        }
        if (!issued.redirectUri().equals(redirectUri)) {
            throw new OAuthError(400, "redirect_uri_mismatch", "Bad Request");
        }
        if (issued.codeChallenge() != null) {
            if (verifier == null || verifier.isBlank()) {
                throw OAuthError.invalidGrant("Missing code verifier.");
            }
            if (!AuthorizationCodes.verifies(issued.codeChallengeMethod(), issued.codeChallenge(), verifier)) {
                throw OAuthError.invalidGrant("Invalid code verifier.");
            }
        }
        GoogleIdentities.AccessToken token = identities.issue(issued.user(), issued.scopes());
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("access_token", token.token());
        answer.put("expires_in", GoogleIdentities.ACCESS_TOKEN_LIFETIME.toSeconds());
        answer.put("scope", String.join(" ", issued.scopes()));
        answer.put("token_type", "Bearer");
        if (issued.offline()) {
            String refresh = "1//0" + java.util.UUID.randomUUID().toString().replace("-", "");
            identities.registerRefreshToken(new GoogleIdentities.RefreshToken(refresh, client.clientId(), client.clientSecret(),
                    issued.user(), issued.scopes()));
            answer.put("refresh_token", refresh);
        }
        return answer;
    }

    private GoogleIdentities.AccessToken serviceAccount(String assertion) {
        if (assertion == null || assertion.isBlank()) {
            throw OAuthError.invalidRequest("Missing required parameter: assertion");
        }
        JwtBearerAssertion jwt = JwtBearerAssertion.verify(assertion, identities::serviceAccountKey, json, Instant.now());
        if (jwt.scopes().stream().noneMatch(KEEP_SCOPES::contains)) {
            throw new OAuthError(400, "invalid_scope", "The service account was not granted a Keep scope; asked for " + jwt.scopes());
        }
        // Keep is Workspace-only: without a delegated user there is no one whose notes to read.
        String user = jwt.subject().orElseThrow(() -> OAuthError.invalidGrant(
                "Invalid JWT: the sub claim (the Workspace user to impersonate with domain-wide delegation) is missing."));
        return identities.issue(user, jwt.scopes());
    }

    private GoogleIdentities.AccessToken refresh(String refreshToken, String clientId, String clientSecret) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw OAuthError.invalidRequest("Missing required parameter: refresh_token");
        }
        GoogleIdentities.RefreshToken registered = identities.refreshToken(refreshToken)
                .orElseThrow(() -> OAuthError.invalidGrant("Token has been expired or revoked."));
        if (!registered.clientId().equals(clientId) || !registered.clientSecret().equals(clientSecret)) {
            throw new OAuthError(401, "invalid_client", "The OAuth client was not found.");
        }
        return identities.issue(registered.user(), registered.scopes());
    }
}
