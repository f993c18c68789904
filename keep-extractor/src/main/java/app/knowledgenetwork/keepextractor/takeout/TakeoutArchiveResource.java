package app.knowledgenetwork.keepextractor.takeout;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/**
 * Takeout archives stored in S3 first, extracted from there (sync-service's way):
 *
 * <ul>
 *   <li>{@code PUT /api/v1/takeout-archives/{jobId}} with the zip as the body: stored under
 *       {@code takeouts/{jobId}/archive.zip} (streamed, never on disk); 201 {@code {"jobId","key","sizeBytes"}};
 *       413 over {@code TAKEOUT_MAX_ARCHIVE_BYTES}.</li>
 *   <li>{@code POST /api/v1/takeout-archives/{jobId}/import}: reads the stored archive as
 *       {@code POST /api/v1/takeout-imports} reads an upload, same answer; done again it gives the same notes
 *       (the attachments are written again under the same keys); 404 when there is no stored archive (never
 *       uploaded, or expired by the bucket's 7-day lifecycle rule).</li>
 *   <li>{@code DELETE /api/v1/takeout-archives/{jobId}}: removes it (204).</li>
 * </ul>
 */
@Path("/api/v1/takeout-archives/{jobId}")
public class TakeoutArchiveResource {

    private final TakeoutArchives archives;
    private final TakeoutImporter importer;

    public TakeoutArchiveResource(TakeoutArchives archives, TakeoutImporter importer) {
        this.archives = archives;
        this.importer = importer;
    }

    @PUT
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response store(@PathParam("jobId") String jobId, InputStream archive) {
        try {
            return Response.status(201).entity(archives.store(jobId, archive)).build();
        } catch (IllegalArgumentException e) {
            return problem(400, "Bad Request", e.getMessage());
        } catch (ArchiveLimitExceeded e) {
            return problem(413, "Archive too large", e.getMessage());
        }
    }

    @POST
    @Path("/import")
    @Produces(MediaType.APPLICATION_JSON)
    public Response importStored(@PathParam("jobId") String jobId) {
        try {
            var stored = archives.open(jobId);
            if (stored.isEmpty()) {
                return problem(404, "No stored archive", "no Takeout archive is stored for job " + jobId
                        + ": it was never uploaded, or the bucket's lifecycle rule removed it after 7 days; upload it again");
            }
            try (InputStream archive = stored.get()) {
                return Response.ok(importer.importArchive(jobId, archive)).build();
            }
        } catch (IllegalArgumentException e) {
            return problem(400, "Bad Request", e.getMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DELETE
    public Response delete(@PathParam("jobId") String jobId) {
        try {
            archives.delete(jobId);
            return Response.noContent().build();
        } catch (IllegalArgumentException e) {
            return problem(400, "Bad Request", e.getMessage());
        }
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "status", status, "title", title, "detail", detail)).build();
    }
}
