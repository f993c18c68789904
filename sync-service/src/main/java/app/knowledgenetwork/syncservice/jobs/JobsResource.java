package app.knowledgenetwork.syncservice.jobs;

import app.knowledgenetwork.syncservice.access.CurrentCaller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sync")
@Authenticated
@Tag(name = "Jobs", description = "Sync runs of a connection and every note's fate")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private final Jobs jobs;
    private final CurrentCaller caller;

    public JobsResource(Jobs jobs, CurrentCaller caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    @POST
    @Path("/connections/{id}/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Starts a job (202); 409 when the connection has one that has not finished")
    public Response trigger(@PathParam("id") UUID connectionId, TriggerRequest request) {
        JobMode mode = request == null || request.mode() == null ? JobMode.INCREMENTAL : request.mode();
        Job job = jobs.trigger(caller.get(), connectionId, mode);
        return Response.accepted(job).location(URI.create("/api/v1/sync/jobs/" + job.id())).build();
    }

    @GET
    @Path("/connections/{id}/jobs")
    @Operation(summary = "The connection's jobs, newest first")
    public List<Job> list(@PathParam("id") UUID connectionId, @QueryParam("limit") @DefaultValue("50") int limit) {
        return jobs.list(caller.get(), connectionId, limit);
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "A job: state (PENDING, EXTRACTING, WRITING, SUCCEEDED, PARTIALLY_FAILED, FAILED, CANCELLED) and progress counts")
    public Job get(@PathParam("id") UUID jobId) {
        return jobs.get(caller.get(), jobId);
    }

    @GET
    @Path("/jobs/{id}/notes")
    @Operation(summary = "Each note's result in the job (created, updated, archived, unchanged, failed, with reasons and warnings), by note id; "
            + "page with after=<last note id>")
    public List<JobNote> notes(@PathParam("id") UUID jobId, @QueryParam("outcome") String outcome, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        return jobs.notes(caller.get(), jobId, outcome, after, limit);
    }

    @POST
    @Path("/jobs/{id}/cancel")
    @Operation(summary = "Cancels a job: waiting work is dropped; it ends CANCELLED at once, or as soon as a write already under way has finished and recorded its pages (until then cancelRequested is true)")
    public Job cancel(@PathParam("id") UUID jobId) {
        return jobs.cancel(caller.get(), jobId);
    }

    @POST
    @Path("/jobs/{id}/retry")
    @Operation(summary = "Starts a job (202) that writes again only the notes this finished job failed to write")
    public Response retry(@PathParam("id") UUID jobId) {
        Job job = jobs.retry(caller.get(), jobId);
        return Response.accepted(job).location(URI.create("/api/v1/sync/jobs/" + job.id())).build();
    }

    @POST
    @Path("/connections/{id}/takeout")
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Uploads a Google Takeout archive of Keep (the zip itself as the body, streamed through keep-extractor into S3, "
            + "never stored on disk) and answers once it is stored (202) with the job that extracts it from there and writes its notes; "
            + "rejected note files are failed notes of the job, a missing attachment a warning on its note; 400 over the archive limit")
    public Response takeout(@PathParam("id") UUID connectionId, java.io.InputStream archive) {
        Job job = jobs.takeout(caller.get(), connectionId, archive);
        return Response.accepted(job).location(URI.create("/api/v1/sync/jobs/" + job.id())).build();
    }
}
