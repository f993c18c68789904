package app.knowledgenetwork.apigateway.oauth;

import app.knowledgenetwork.apigateway.console.ConsoleResource;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code GET /oauth/google/start}: sends the browser to Google's consent for the connect flow its cookie names
 * (the console's "New connection" form started it and redirects here). Each visit is a new trip: a fresh
 * {@code state} and PKCE verifier, so only the latest consent's answer is accepted at {@code /oauth/callback}.
 */
@Path(GoogleConnectStart.PATH)
@Produces(MediaType.TEXT_HTML)
public class GoogleConnectStart {

    public static final String PATH = "/oauth/google/start";

    private final ConnectFlows flows;
    private final GoogleOAuth google;

    public GoogleConnectStart(ConnectFlows flows, GoogleOAuth google) {
        this.flows = flows;
        this.google = google;
    }

    @GET
    public Response start(@CookieParam(OAuthCallback.FLOW_COOKIE) String cookie) {
        if (!google.configured()) {
            return ConsoleResource.refusedPage(503, "Google sign-in not configured",
                    "Connecting a Google account is not configured on this gateway (GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET).");
        }
        Optional<ConnectFlows.Trip> trip = flows.depart(cookie);
        if (trip.isEmpty()) {
            return ConsoleResource.refusedPage(400, "Connect flow not found",
                    "There is no Google sign-in to start here: it begins with the console's New connection form "
                            + "(Admin → Connections) and lasts " + flows.ttl().toMinutes() + " minutes.");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.seeOther(google.consentUrl(trip.get().state(), trip.get().verifier())).cacheControl(noStore).build();
    }
}
