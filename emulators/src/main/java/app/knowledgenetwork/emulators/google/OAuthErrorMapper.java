package app.knowledgenetwork.emulators.google;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders {@link OAuthError} in the OAuth error shape. */
@Provider
public class OAuthErrorMapper implements ExceptionMapper<OAuthError> {
    @Override
    public Response toResponse(OAuthError error) {
        return error.toResponse();
    }
}
