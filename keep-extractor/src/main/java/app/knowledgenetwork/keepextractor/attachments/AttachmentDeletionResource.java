package app.knowledgenetwork.keepextractor.attachments;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/attachments/deletions} {@code {"keys": ["jobs/…", …]}}: removes attachments from S3
 * once their notes are written (sync-service calls it after recording the results), instead of leaving
 * them to the bucket's 7-day lifecycle rule. Only keys under {@code jobs/} are accepted; a key already
 * gone is no error. 200 {@code {"deleted": n}}, 400 naming a key outside {@code jobs/}.
 */
@Path("/api/v1/attachments/deletions")
public class AttachmentDeletionResource {

    /** The keys to delete (at most 1,000 a request). */
    public record Deletion(List<String> keys) {
    }

    private final AttachmentStore store;

    public AttachmentDeletionResource(AttachmentStore store) {
        this.store = store;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(Deletion deletion) {
        List<String> keys = deletion == null || deletion.keys() == null ? List.of() : deletion.keys();
        if (keys.size() > 1000) {
            return problem("at most 1000 keys a request, got " + keys.size());
        }
        for (String key : keys) {
            if (key == null || !key.startsWith("jobs/") || key.contains("..") || key.contains("//")) {
                return problem("only attachment keys under jobs/ can be deleted, got '" + key + "'");
            }
        }
        keys.forEach(store::delete);
        return Response.ok(Map.of("deleted", keys.size())).build();
    }

    private static Response problem(String detail) {
        return Response.status(400).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "status", 400, "title", "Bad Request", "detail", detail)).build();
    }
}
