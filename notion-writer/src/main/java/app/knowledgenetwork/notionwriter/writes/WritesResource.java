package app.knowledgenetwork.notionwriter.writes;

import app.knowledgenetwork.notionwriter.notion.NotionFailure;
import app.knowledgenetwork.notionwriter.schema.IncompatibleDatabaseException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch of notes into a Notion database and tells, per note, what happened: created,
 * updated, archived, unchanged, or failed with the reason. A database that cannot take notes, or a
 * request that names no notes, is refused as a whole (problem+json) before anything is written.
 */
@Path("/api/v1/notion/writes")
public class WritesResource {

    private final NotionWriters writers;

    public WritesResource(NotionWriters writers) {
        this.writers = writers;
    }

    /** Writes the notes; idempotent, so the same batch sent twice creates nothing new. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response write(WriteRequest request) {
        if (request == null || request.databaseId() == null || request.databaseId().isBlank()) {
            return problem(400, "databaseId is required", "Name the Notion database to write into.");
        }
        if (request.notes() == null) {
            return problem(400, "notes are required", "Send the notes to write as a list (it may be empty).");
        }
        String token;
        try {
            token = writers.resolveToken(request.token(), request.tokenRef());
        } catch (IllegalArgumentException e) {
            return problem(400, "Unknown Notion token reference", e.getMessage());
        } catch (IllegalStateException e) {
            return problem(503, "Notion token missing", e.getMessage());
        }
        NoteWriter writer = writers.open(token);
        try {
            List<NoteWriteResult> results = writer.write(request.databaseId(), request.notes(),
                    request.knownPages() == null ? Map.of() : request.knownPages());
            return Response.ok(new WriteResponse(results, writer.requestCount())).build();
        } catch (IncompatibleDatabaseException e) {
            return problem(422, "Notion database cannot take Keep notes", e.getMessage());
        } catch (NotionFailure e) {
            return problem(e.status() == 404 ? 404 : 502, "Notion refused the database", e.describe());
        } finally {
            writer.close();
        }
    }

    private static Response problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
