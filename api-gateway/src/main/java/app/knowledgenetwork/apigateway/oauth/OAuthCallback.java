package app.knowledgenetwork.apigateway.oauth;

import app.knowledgenetwork.apigateway.console.ConsoleResource;
import app.knowledgenetwork.apigateway.console.ConsoleSessions;
import app.knowledgenetwork.apigateway.console.KnowledgeApiIdentity;
import app.knowledgenetwork.apigateway.console.SessionRefresh;
import app.knowledgenetwork.apigateway.console.SyncServiceApi;
import app.knowledgenetwork.apigateway.edge.ClientRequest;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code GET /oauth/callback}: where Google sends the admin back after consent. The flow cookie must name a
 * started flow whose {@code state} matches (a forged or replayed callback is refused); the code is redeemed
 * with the flow's PKCE verifier, and the connection is created in sync-service with the user's refresh token,
 * which sync-service stores encrypted. Then back to the console's connections.
 */
@Path("/oauth")
@Produces(MediaType.TEXT_HTML)
public class OAuthCallback {

    public static final String FLOW_COOKIE = "kn_oauth_flow";
    private static final Logger LOG = Logger.getLogger(OAuthCallback.class);

    private final ConnectFlows flows;
    private final GoogleOAuth google;
    private final SessionRefresh sessions;
    private final SyncServiceApi sync;
    private final CurrentVertxRequest current;

    public OAuthCallback(ConnectFlows flows, GoogleOAuth google, SessionRefresh sessions, SyncServiceApi sync,
                         CurrentVertxRequest current) {
        this.flows = flows;
        this.google = google;
        this.sessions = sessions;
        this.sync = sync;
        this.current = current;
    }

    /** Google's answer: {@code code} and {@code state}, or {@code error} (access_denied when the user cancelled). */
    @GET
    @Path("/callback")
    public Response callback(@CookieParam(FLOW_COOKIE) String cookie, @QueryParam("code") String code,
                             @QueryParam("state") String state, @QueryParam("error") String error) {
        Optional<ConnectFlows.Flow> taken = flows.take(cookie);
        if (taken.isEmpty()) {
            return refused(400, "Connect flow not found",
                    "This Google sign-in was not started here, has already been used or took too long. Start again from the console's connections.");
        }
        ConnectFlows.Flow flow = taken.get();
        if (!ConnectFlows.sameState(flow.state(), state)) {
            LOG.warn("oauth callback refused: state does not match the flow's");
            return refused(403, "Connect flow refused", "The answer from Google does not belong to the sign-in started here (state mismatch). Start again from the console.");
        }
        if (error != null) {
            return refused(400, "Google access not granted", "Google answered " + error
                    + ("access_denied".equals(error) ? ": access to Keep was not allowed." : ".") + " No connection was created.");
        }
        if (code == null || code.isBlank()) {
            return refused(400, "Connect flow refused", "Google's answer has no authorization code.");
        }
        Optional<ConsoleSessions.Session> session = sessions.fresh(flow.sessionId(), clientAddress());
        if (session.isEmpty()) {
            return refused(401, "Signed out", "Your console session ended during the Google sign-in. Sign in and start again.");
        }
        String refreshToken;
        try {
            refreshToken = google.refreshTokenFor(code, flow.verifier());
        } catch (GoogleOAuth.Refused refused) {
            LOG.warnf("oauth callback: Google refused the code: %s", refused.getMessage());
            return refused(502, "Google refused the sign-in", "Google would not give the tokens (" + refused.getMessage()
                    + "). No connection was created; start again from the console.");
        }
        try {
            sync.createConnection(session.get().accessToken(), flow.form().put("keepRefreshToken", refreshToken));
        } catch (KnowledgeApiIdentity.Refused refused) {
            return refused(422, "Connection not created", "sync-service refused the connection: " + refused.getMessage());
        }
        LOG.infof("console: admin %s created a Keep connection with a Google account", session.get().userId());
        return Response.seeOther(URI.create("/admin/connections?created=1")).cookie(expiredFlowCookie()).build();
    }

    private static Response refused(int status, String title, String message) {
        Response page = ConsoleResource.refusedPage(status, title, message);
        return Response.fromResponse(page).cookie(expiredFlowCookie()).build();
    }

    private static NewCookie expiredFlowCookie() {
        return new NewCookie.Builder(FLOW_COOKIE).value("").path("/oauth").httpOnly(true).secure(true)
                .sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }

    private String clientAddress() {
        ClientRequest request = current.getCurrent() == null ? null : ClientRequest.of(current.getCurrent());
        return request == null ? null : request.clientAddress();
    }
}
