package app.knowledgenetwork.keepextractor.keepapi;

import app.knowledgenetwork.common.notes.Note;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code POST /api/v1/keep/notes:batchGet} — reads given notes from the Keep API again, their attachments
 * copied to S3 again under {@code jobs/{jobId}/keep-api/}: what sync-service asks when a note's files
 * were removed by the bucket's 7-day lifecycle before the note could be written (a late retry).
 *
 * <p>Request: {@code {"jobId":"job-42","credentials":{...},"noteIds":["abc",...]}} (at most 100 ids).
 * Response 200: {@code {"notes":[Note...],"failures":[{"noteId","reason","retryable"}]}}; a note Keep no
 * longer has is a failure ("the note is no longer in Keep"). 400 names a bad field; 401 when Google
 * refuses the credentials; 502 when the Keep API kept failing.
 */
@Path("/api/v1/keep/notes:batchGet")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class KeepBatchGetResource {

    static final int MAX_NOTES = 100;

    public record BatchGetRequest(String jobId, KeepCredentials credentials, List<String> noteIds) {
    }

    public record BatchGetResponse(List<Note> notes, List<NoteFailure> failures) {
    }

    private final KeepApiExtractor extractor;

    public KeepBatchGetResource(KeepApiExtractor extractor) {
        this.extractor = extractor;
    }

    @POST
    public Response batchGet(BatchGetRequest request) {
        if (request == null || request.credentials() == null) {
            return KeepExtractResource.problem(400, "credentials is required: {\"type\":\"SERVICE_ACCOUNT\",\"subject\":...} or {\"type\":\"REFRESH_TOKEN\",\"refreshToken\":...}");
        }
        if (request.noteIds() == null || request.noteIds().isEmpty() || request.noteIds().size() > MAX_NOTES) {
            return KeepExtractResource.problem(400, "noteIds must name 1 to " + MAX_NOTES + " notes");
        }
        try {
            KeepApiExtractor.Extraction read = extractor.extractNotes(request.jobId(), request.credentials(), request.noteIds());
            return Response.ok(new BatchGetResponse(read.notes(), read.failures())).build();
        } catch (IllegalArgumentException e) {
            return KeepExtractResource.problem(400, e.getMessage());
        } catch (InvalidCredentialsException e) {
            return KeepExtractResource.problem(401, e.getMessage());
        } catch (KeepApiException e) {
            return KeepExtractResource.problem(502, e.getMessage());
        }
    }
}
