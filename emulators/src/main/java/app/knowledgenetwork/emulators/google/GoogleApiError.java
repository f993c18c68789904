package app.knowledgenetwork.emulators.google;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * An error as Google's JSON APIs return it: {@code {"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}}.
 * Thrown anywhere in a Keep request and turned into that body by {@link GoogleApiErrorMapper}.
 */
public class GoogleApiError extends RuntimeException {

    private final int code;
    private final String status;

    public GoogleApiError(int code, String status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public static GoogleApiError invalidArgument(String message) {
        return new GoogleApiError(400, "INVALID_ARGUMENT", message);
    }

    public static GoogleApiError unauthenticated(String message) {
        return new GoogleApiError(401, "UNAUTHENTICATED", message);
    }

    public static GoogleApiError permissionDenied(String message) {
        return new GoogleApiError(403, "PERMISSION_DENIED", message);
    }

    public static GoogleApiError notFound(String message) {
        return new GoogleApiError(404, "NOT_FOUND", message);
    }

    public static GoogleApiError aborted(String message) {
        return new GoogleApiError(409, "ABORTED", message);
    }

    /** The HTTP code Google uses for a canonical status name, for injected faults. */
    public static GoogleApiError ofStatus(String status, String message) {
        int code = switch (status) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "ABORTED", "ALREADY_EXISTS" -> 409;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 500;
        };
        return new GoogleApiError(code, status, message);
    }

    public int code() {
        return code;
    }

    public String status() {
        return status;
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(code).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", Map.of("code", code, "message", getMessage(), "status", status)));
        if (code == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
        }
        return response.build();
    }
}
