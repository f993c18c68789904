package app.knowledgenetwork.emulators.google;

import app.knowledgenetwork.emulators.keep.KeepRequestCounts;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Google's OAuth 2.0 authorization endpoint ({@code https://accounts.google.com/o/oauth2/v2/auth}) for a web
 * server application: {@code response_type=code}, {@code state}, PKCE ({@code code_challenge}, S256 or
 * plain), {@code access_type=offline} for a refresh token. Instead of Google's sign-in, the consent page
 * asks which account (an email) grants access. As at Google, an unknown client or an unregistered redirect
 * URI is shown to the user and never redirected to; every other error goes back to the redirect URI as
 * {@code error=...&state=...}.
 */
@Path("/google/o/oauth2/v2/auth")
public class AuthorizeEndpoint {

    /** RFC 7636: 43 to 128 characters of the unreserved set. */
    private static final Pattern PKCE_VALUE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final OAuthClients clients;
    private final AuthorizationCodes codes;
    private final KeepRequestCounts counts;

    public AuthorizeEndpoint(OAuthClients clients, AuthorizationCodes codes, KeepRequestCounts counts) {
        this.clients = clients;
        this.codes = codes;
        this.counts = counts;
    }

    /** The consent page, or the error Google would show or redirect with. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response authorize(@QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
                              @QueryParam("response_type") String responseType, @QueryParam("scope") String scope,
                              @QueryParam("state") String state, @QueryParam("code_challenge") String codeChallenge,
                              @QueryParam("code_challenge_method") String codeChallengeMethod,
                              @QueryParam("access_type") String accessType) {
        counts.count("oauth.authorize");
        var client = clients.find(clientId);
        if (client.isEmpty()) {
            return page(401, "Error 401: invalid_client", "The OAuth client was not found.");
        }
        if (redirectUri == null || !client.get().redirectUris().contains(redirectUri)) {
            return page(400, "Error 400: redirect_uri_mismatch", "You can't sign in to this app because it doesn't comply with "
                    + "Google's OAuth 2.0 policy. If you're the app developer, register the redirect URI in the Google Cloud "
                    + "Console. Request details: redirect_uri=" + redirectUri);
        }
        if (!"code".equals(responseType)) {
            return back(redirectUri, "error", responseType == null ? "invalid_request" : "unsupported_response_type",
                    "error_description", responseType == null ? "Missing required parameter: response_type"
                            : "Unsupported response_type: " + responseType, "state", state);
        }
        Set<String> scopes = scope == null || scope.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        if (scopes.isEmpty()) {
            return back(redirectUri, "error", "invalid_request", "error_description", "Missing required parameter: scope", "state", state);
        }
        if (scopes.stream().noneMatch(TokenEndpoint.KEEP_SCOPES::contains)) {
            return back(redirectUri, "error", "invalid_scope", "error_description",
                    "Some requested scopes were invalid; this emulator grants Keep scopes only: " + scopes, "state", state);
        }
        String method = codeChallenge == null ? null : codeChallengeMethod == null ? "plain" : codeChallengeMethod;
        if (codeChallenge != null && (!PKCE_VALUE.matcher(codeChallenge).matches() || !Set.of("S256", "plain").contains(method))) {
            return back(redirectUri, "error", "invalid_request", "error_description",
                    "Invalid code_challenge or code_challenge_method", "state", state);
        }
        var pending = codes.await(clientId, redirectUri, scopes, state, codeChallenge, method, "offline".equals(accessType));
        return Response.ok(consentPage(pending, null)).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store").build();
    }

    /** The user's answer: Allow (with the account that grants access) or Deny. */
    @POST
    @Path("/consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response consent(@FormParam("consent") String consentId, @FormParam("email") String email,
                            @FormParam("decision") String decision) {
        var pending = codes.answer(consentId);
        if (pending.isEmpty()) {
            return page(400, "This consent has already been answered",
                    "Start again from the application: each consent page can be answered once.");
        }
        var consent = pending.get();
        if (!"allow".equals(decision)) {
            return back(consent.redirectUri(), "error", "access_denied", "state", consent.state());
        }
        if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+")) {
            // Ask again: the consent stays open until it is answered with an account.
            var again = codes.await(consent.clientId(), consent.redirectUri(), consent.scopes(), consent.state(),
                    consent.codeChallenge(), consent.codeChallengeMethod(), consent.offline());
            return Response.status(400).entity(consentPage(again, "Enter the email of the Google account that grants access."))
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
        }
        var code = codes.issue(consent, email.strip());
        return back(consent.redirectUri(), "code", code.code(), "scope", String.join(" ", consent.scopes()), "state", consent.state());
    }

    private static Response back(String redirectUri, String... params) {
        StringBuilder url = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        boolean first = true;
        for (int i = 0; i < params.length; i += 2) {
            if (params[i + 1] == null) {
                continue;
            }
            url.append(first ? "" : "&").append(params[i]).append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
            first = false;
        }
        return Response.status(302).location(URI.create(url.toString())).build();
    }

    private static String consentPage(AuthorizationCodes.Pending pending, String error) {
        StringBuilder scopes = new StringBuilder();
        pending.scopes().forEach(s -> scopes.append("<li>").append(escape(s)).append("</li>"));
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in - Google Accounts (emulator)</title></head>"
                + "<body><main><h1>Choose an account</h1>"
                + "<p><strong>" + escape(pending.clientId()) + "</strong> wants to access your Google Account:</p><ul>" + scopes + "</ul>"
                + (error == null ? "" : "<p role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/google/o/oauth2/v2/auth/consent\">"
                + "<input type=\"hidden\" name=\"consent\" value=\"" + escape(pending.id()) + "\">"
                + "<label for=\"email\">Email</label> <input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\">"
                + " <button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>"
                + " <button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button>"
                + "</form></main></body></html>";
    }

    private static Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>"
                        + "<body><h1>" + escape(title) + "</h1><p>" + escape(message) + "</p></body></html>").build();
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
