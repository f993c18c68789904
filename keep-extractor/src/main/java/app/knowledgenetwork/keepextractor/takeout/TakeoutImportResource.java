package app.knowledgenetwork.keepextractor.takeout;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code POST /api/v1/takeout-imports?jobId=job-42} with the Takeout zip as the request body
 * ({@code application/zip} or {@code application/octet-stream}).
 *
 * <p>Response 200: {@link TakeoutImport} — {@code {"jobId","imported","rejected","notes":[Note...],
 * "report":[{"file","status","reason"}]}}: every note that went through (attachments in S3 under
 * {@code jobs/{jobId}/takeout/}), and a report line for each note file (IMPORTED or REJECTED with its
 * reason) and for each file or archive part that was not read (SKIPPED with the reason: corrupt,
 * over a size limit, zip bomb). 400 when {@code jobId} is missing or invalid.
 *
 * <p>The body is read as a stream and never stored on disk; multipart uploads are not accepted,
 * because the HTTP layer would spool their file parts to disk.
 */
@Path("/api/v1/takeout-imports")
public class TakeoutImportResource {

    private final TakeoutImporter importer;

    public TakeoutImportResource(TakeoutImporter importer) {
        this.importer = importer;
    }

    @POST
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importArchive(@QueryParam("jobId") String jobId, InputStream archive) {
        try {
            return Response.ok(importer.importArchive(jobId, archive)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).type("application/problem+json")
                    .entity(Map.of("type", "about:blank", "status", 400, "title", "Bad Request", "detail", e.getMessage())).build();
        }
    }
}
