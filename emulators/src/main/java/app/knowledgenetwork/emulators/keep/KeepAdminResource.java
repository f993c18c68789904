package app.knowledgenetwork.emulators.keep;

import app.knowledgenetwork.emulators.google.GoogleIdentities;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * For tests and the local stack: seed notes, register service-account keys and refresh tokens,
 * inject faults, read request counts, reset. Not part of Google's API.
 */
@Path("/_emulator/keep")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class KeepAdminResource {

    private final KeepStore store;
    private final KeepFaults faults;
    private final GoogleIdentities identities;
    private final KeepRequestCounts counts;
    private final ObjectMapper json;

    public KeepAdminResource(KeepStore store, KeepFaults faults, GoogleIdentities identities, KeepRequestCounts counts, ObjectMapper json) {
        this.store = store;
        this.faults = faults;
        this.identities = identities;
        this.counts = counts;
        this.json = json;
    }

    /** Adds (or replaces, by {@code id}) one note of the user, or several when the body is an array. */
    @POST
    @Path("/users/{user}/notes")
    public Response addNotes(@PathParam("user") String user, JsonNode body) {
        ArrayNode created = json.createArrayNode();
        for (JsonNode note : body.isArray() ? body : json.createArrayNode().add(body)) {
            KeepNote stored = KeepJson.seed(user, note);
            store.put(stored);
            created.add(KeepJson.render(stored, json));
        }
        return Response.status(201).entity(body.isArray() ? created : created.get(0)).build();
    }

    /** Every note of the user, trashed ones included. */
    @GET
    @Path("/users/{user}/notes")
    public ArrayNode notes(@PathParam("user") String user) {
        ArrayNode out = json.createArrayNode();
        store.notesOf(user).forEach(note -> out.add(KeepJson.render(note, json)));
        return out;
    }

    /** Registers a service account: {@code {"clientEmail","publicKeyPem"}}. */
    @POST
    @Path("/service-accounts")
    public Response serviceAccount(JsonNode body) {
        try {
            KeepSeed.registerServiceAccount(body, identities);
        } catch (IllegalArgumentException e) {
            return badRequest(e);
        }
        return Response.noContent().build();
    }

    /** Registers a refresh token: {@code {"refreshToken","clientId","clientSecret","user","scopes":[...]}}. */
    @POST
    @Path("/refresh-tokens")
    public Response refreshToken(JsonNode body) {
        try {
            KeepSeed.registerRefreshToken(body, identities);
        } catch (IllegalArgumentException e) {
            return badRequest(e);
        }
        return Response.noContent().build();
    }

    /**
     * Makes the next {@code count} Keep API requests fail: {@code {"status":"ABORTED","count":1}}; with
     * {@code "request":"media.download"} (or {@code notes.list}, {@code notes.get}) only requests of that kind;
     * with {@code "after": n} once n such requests have passed (an ABORTED on the second page of a listing);
     * with {@code "retryAfterSeconds": s} the answer carries {@code Retry-After: s}, and a request of the
     * user before it has passed is counted as {@code retry_after.early}.
     */
    @POST
    @Path("/faults")
    public Response faults(JsonNode body) {
        faults.inject(body.path("status").asText("UNAVAILABLE"), body.path("count").asInt(1), body.path("request").asText(null),
                body.path("after").asInt(0), body.path("retryAfterSeconds").asLong(0));
        return Response.noContent().build();
    }

    /**
     * Expires every access token issued for the user now, as Google may before the expiry it announced (a
     * revoked grant, a changed password): the next request with one answers 401 {@code invalid_token}.
     */
    @POST
    @Path("/users/{user}/expire-access-tokens")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> expireAccessTokens(@PathParam("user") String user) {
        return Map.of("expired", identities.expireAccessTokens(user));
    }

    /** Requests served, by kind: {@code notes.list}, {@code notes.get}, {@code media.download}, {@code token.<grant>}. */
    @GET
    @Path("/requests")
    public Map<String, Long> requests() {
        return counts.snapshot();
    }

    /** Forgets every note, key, token, fault and count. */
    @POST
    @Path("/reset")
    public Response reset() {
        store.reset();
        faults.reset();
        identities.reset();
        counts.reset();
        return Response.noContent().build();
    }

    private Response badRequest(IllegalArgumentException e) {
        ObjectNode error = json.createObjectNode().put("error", e.getMessage());
        return Response.status(400).entity(error).build();
    }
}
