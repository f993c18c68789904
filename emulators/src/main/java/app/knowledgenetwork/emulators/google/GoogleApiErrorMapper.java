package app.knowledgenetwork.emulators.google;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders {@link GoogleApiError} in Google's error shape. */
@Provider
public class GoogleApiErrorMapper implements ExceptionMapper<GoogleApiError> {
    @Override
    public Response toResponse(GoogleApiError error) {
        return error.toResponse();
    }
}
