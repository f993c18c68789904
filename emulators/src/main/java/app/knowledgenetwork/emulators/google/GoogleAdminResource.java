package app.knowledgenetwork.emulators.google;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registers OAuth clients with the emulated Google, as a developer does in the Cloud Console. Not part of Google's API. */
@Path("/_emulator/google")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GoogleAdminResource {

    private final OAuthClients clients;

    public GoogleAdminResource(OAuthClients clients) {
        this.clients = clients;
    }

    /** {@code {clientId, clientSecret, redirectUris:[...]}}; registering an id again replaces it. */
    @POST
    @Path("/oauth-clients")
    public Response register(JsonNode body) {
        List<String> uris = new ArrayList<>();
        body.path("redirectUris").forEach(u -> uris.add(u.asText()));
        try {
            clients.register(new OAuthClients.OAuthClient(body.path("clientId").asText(null), body.path("clientSecret").asText(null), uris));
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("error", e.getMessage())).build();
        }
        return Response.noContent().build();
    }
}
