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

    @POST
    @Path("/takeout-imports")
    @Consumes("application/zip")
    @Produces(MediaType.APPLICATION_JSON)
    TakeoutResult importTakeout(@jakarta.ws.rs.QueryParam("jobId") String jobId, java.io.InputStream archive);
}
