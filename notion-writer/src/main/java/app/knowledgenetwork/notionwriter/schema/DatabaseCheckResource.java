package app.knowledgenetwork.notionwriter.schema;

import app.knowledgenetwork.notionwriter.notion.NotionApi;
import app.knowledgenetwork.notionwriter.notion.NotionFailure;
import app.knowledgenetwork.notionwriter.writes.NotionWriters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks, before a user saves a connection, that a Notion database can take Keep notes with a given
 * token, and says exactly what is wrong when it cannot: the token is refused, the database is not
 * shared with the integration or is no database, or a property has the wrong type. Changes nothing.
 */
@Path("/api/v1/notion/database-checks")
public class DatabaseCheckResource {

    private final NotionWriters writers;

    public DatabaseCheckResource(NotionWriters writers) {
        this.writers = writers;
    }

    /** 200 with the check when the database is readable (422 when a property conflicts); problem+json otherwise. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response check(DatabaseCheckRequest request) {
        if (request == null || request.databaseId() == null || request.databaseId().isBlank()) {
            return problem(400, "databaseId is required", "Name the Notion database to check.", null);
        }
        String token;
        try {
            token = writers.resolveToken(request.token(), null);
        } catch (IllegalStateException e) {
            return problem(503, "Notion token missing", e.getMessage(), null);
        }
        NotionApi api = writers.api(token);
        try {
            DatabaseCheck check = new SchemaBootstrap(api).check(request.databaseId());
            if (!check.writable()) {
                return problem(422, "Notion database cannot take Keep notes",
                        "Notion database " + request.databaseId() + " cannot take Keep notes: " + String.join("; ", check.conflicts())
                                + ". Rename or remove those properties, or choose another database.", "incompatible_properties");
            }
            return Response.ok(check).build();
        } catch (NotionFailure e) {
            return switch (e.status()) {
                case 401 -> problem(422, "Notion refused the integration token",
                        "Notion does not accept this integration token (" + e.describe() + "). Copy the token of the integration again.", e.code());
                case 403, 404 -> problem(422, "Notion database not found or not shared",
                        "Notion cannot show database " + request.databaseId() + " to this integration (" + e.describe()
                                + "). Check the id and share the database with the integration (\u2026 > Connections).", e.code());
                case 400 -> problem(422, "Not a Notion database",
                        request.databaseId() + " is not a database Notion can query (" + e.describe() + ").", e.code());
                default -> problem(502, "Notion did not answer the check", e.describe(), e.code());
            };
        } finally {
            api.close();
        }
    }

    private static Response problem(int status, String title, String detail, String notionCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (notionCode != null) {
            body.put("code", notionCode);
        }
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
