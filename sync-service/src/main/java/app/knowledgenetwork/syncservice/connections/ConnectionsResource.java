package app.knowledgenetwork.syncservice.connections;

import app.knowledgenetwork.syncservice.access.CurrentCaller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sync")
@Authenticated
@Tag(name = "Connections", description = "A user's Keep source linked to a Notion database")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {

    private final Connections connections;
    private final CurrentCaller caller;

    public ConnectionsResource(Connections connections, CurrentCaller caller) {
        this.connections = connections;
        this.caller = caller;
    }

    @GET
    @Path("/connections")
    @Operation(summary = "The caller's connections (every connection for a platform ADMIN)")
    public List<ConnectionView> list() {
        return connections.list(caller.get());
    }

    @POST
    @Path("/connections")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Creates a connection after checking the Notion database through notion-writer; 422 names what is wrong with it")
    public Response create(ConnectionRequest request) {
        ConnectionView created = connections.create(caller.get(), request);
        return Response.created(URI.create("/api/v1/sync/connections/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/connections/{id}")
    @Operation(summary = "One connection")
    public ConnectionView get(@PathParam("id") UUID id) {
        return connections.get(caller.get(), id);
    }

    @PUT
    @Path("/connections/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edits a connection (absent tokens keep the stored ones) and checks the Notion database again")
    public ConnectionView update(@PathParam("id") UUID id, ConnectionRequest request) {
        return connections.update(caller.get(), id, request);
    }

    @DELETE
    @Path("/connections/{id}")
    @Operation(summary = "Deletes a connection with its jobs and note-to-page mapping (the Notion pages stay)")
    public Response delete(@PathParam("id") UUID id) {
        connections.delete(caller.get(), id);
        return Response.noContent().build();
    }
}
