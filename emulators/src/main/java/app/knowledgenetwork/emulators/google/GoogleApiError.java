package app.knowledgenetwork.emulators.google;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as Google's JSON APIs return it: {@code {"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}}.
 * Thrown anywhere in a Keep request and turned into that body by {@link GoogleApiErrorMapper}.
 */
public class GoogleApiError extends RuntimeException {

    private final int code;
    private final String status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public GoogleApiError(int code, String status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public static GoogleApiError invalidArgument(String message) {
        return new GoogleApiError(400, "INVALID_ARGUMENT", message);
    }

    /** No credential at all: RFC 6750 names no error then, only the realm. */
    public static GoogleApiError unauthenticated(String message) {
        return new GoogleApiError(401, "UNAUTHENTICATED", message).header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
    }

    /**
     * An access token Google does not accept (unknown or expired): {@code error="invalid_token"} in
     * WWW-Authenticate, as Google answers, which tells a client such as google-auth-library to refresh it.
     */
    public static GoogleApiError invalidToken(String message) {
        return new GoogleApiError(401, "UNAUTHENTICATED", message)
                .header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
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

    public GoogleApiError header(String name, String value) {
        headers.put(name, value);
        return this;
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
        headers.forEach(response::header);
        return response.build();
    }
}
