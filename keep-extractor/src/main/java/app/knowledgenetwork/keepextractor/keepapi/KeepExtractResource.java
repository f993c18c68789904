package app.knowledgenetwork.keepextractor.keepapi;

import app.knowledgenetwork.common.notes.Note;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/keep/notes:extract} — reads a user's notes from the Keep API.
 *
 * <p>Request: {@code {"jobId":"job-42","credentials":{"type":"SERVICE_ACCOUNT","subject":"alice@corp.example"},
 * "watermark":"2026-01-01T00:00:00Z"}} (or {@code "credentials":{"type":"REFRESH_TOKEN","refreshToken":"..."}});
 * {@code watermark} is optional (absent: a full read).
 *
 * <p>Response 200: {@code {"notes":[Note...],"failures":[{"noteId","reason","retryable"}],"watermark":"..."}}:
 * the normalized notes changed since the watermark (minus the safety overlap), trashed ones included with
 * {@code trashed=true}, attachments already in S3 under {@code jobs/{jobId}/keep-api/}; the notes left out
 * whole with the reason (an attachment over the size limit or failing to download); pass {@code watermark}
 * to the next run (it stays at or before a note that failed for a passing reason, so that note is read again).
 * 400 names a bad request field; 401 when Google refuses the credentials; 502 when the Keep API
 * kept failing (its status and message quoted).
 */
@Path("/api/v1/keep/notes:extract")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class KeepExtractResource {

    /** @param watermark the previous response's watermark, or null for a full read */
    public record ExtractRequest(String jobId, KeepCredentials credentials, Instant watermark) {
    }

    /** @param failures notes left out whole, each with its reason; the others are in {@code notes} */
    public record ExtractResponse(List<Note> notes, List<NoteFailure> failures, Instant watermark) {
    }

    private final KeepApiExtractor extractor;

    public KeepExtractResource(KeepApiExtractor extractor) {
        this.extractor = extractor;
    }

    @POST
    public Response extract(ExtractRequest request) {
        if (request == null || request.credentials() == null) {
            return problem(400, "credentials is required: {\"type\":\"SERVICE_ACCOUNT\",\"subject\":...} or {\"type\":\"REFRESH_TOKEN\",\"refreshToken\":...}");
        }
        try {
            KeepApiExtractor.Extraction extraction = extractor.extract(request.jobId(), request.credentials(),
                    Optional.ofNullable(request.watermark()));
            return Response.ok(new ExtractResponse(extraction.notes(), extraction.failures(), extraction.watermark().orElse(null))).build();
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        } catch (InvalidCredentialsException e) {
            return problem(401, e.getMessage());
        } catch (KeepApiException e) {
            return problem(502, e.getMessage());
        }
    }

    /** RFC 9457 problem details. */
    static Response problem(int status, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "status", status, "title", Response.Status.fromStatusCode(status) == null
                        ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(), "detail", detail)).build();
    }
}
