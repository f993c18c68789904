package app.knowledgenetwork.emulators.google;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** An error of Google's token endpoint, in the OAuth 2.0 shape (RFC 6749 section 5.2). */
public class OAuthError extends RuntimeException {

    private final int httpStatus;
    private final String error;

    public OAuthError(int httpStatus, String error, String description) {
        super(description);
        this.httpStatus = httpStatus;
        this.error = error;
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    public Response toResponse() {
        return Response.status(httpStatus).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", error, "error_description", getMessage())).build();
    }
}
