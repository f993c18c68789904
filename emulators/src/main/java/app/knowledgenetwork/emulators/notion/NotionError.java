package app.knowledgenetwork.emulators.notion;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** An error answered exactly as Notion shapes it: {@code {"object":"error","status","code","message"}}. */
public class NotionError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public NotionError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static NotionError validation(String message) {
        return new NotionError(400, "validation_error", message);
    }

    public static NotionError notFound(String kind, String id) {
        return new NotionError(404, "object_not_found",
                "Could not find " + kind + " with ID: " + id + ". Make sure the relevant pages and databases are shared with your integration.");
    }

    public NotionError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Response toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "error");
        body.put("status", status);
        body.put("code", code);
        body.put("message", getMessage());
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        headers.forEach(builder::header);
        return builder.build();
    }
}
