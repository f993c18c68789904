package app.knowledgenetwork.syncservice.clients;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** keep-extractor's REST API (KEEP_EXTRACTOR_URL). */
@RegisterRestClient(configKey = "keep-extractor")
@RegisterProvider(ProblemReader.class)
@Path("/api/v1")
public interface KeepExtractorApi {

    record ExtractRequest(String jobId, KeepCredentials credentials, String watermark) {
    }

    @POST
    @Path("/keep/notes:extract")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Extraction extract(ExtractRequest request);

    record BatchGetRequest(String jobId, KeepCredentials credentials, java.util.List<String> noteIds) {
    }

    @POST
    @Path("/keep/notes:batchGet")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Extraction batchGet(BatchGetRequest request);

    /** What keep-extractor stored: the archive's S3 key and size. */
    record StoredArchive(String jobId, String key, long sizeBytes) {
    }

    /** S3 keys of attachments to delete. */
    record AttachmentDeletion(java.util.List<String> keys) {
    }

    @POST
    @Path("/attachments/deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    void deleteAttachments(AttachmentDeletion deletion);

    @jakarta.ws.rs.PUT
    @Path("/takeout-archives/{jobId}")
    @Consumes("application/zip")
    @Produces(MediaType.APPLICATION_JSON)
    StoredArchive storeTakeout(@jakarta.ws.rs.PathParam("jobId") String jobId, java.io.InputStream archive);

    @POST
    @Path("/takeout-archives/{jobId}/import")
    @Produces(MediaType.APPLICATION_JSON)
    TakeoutResult importStoredTakeout(@jakarta.ws.rs.PathParam("jobId") String jobId);
}
