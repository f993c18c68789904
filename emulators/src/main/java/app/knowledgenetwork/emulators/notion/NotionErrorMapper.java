package app.knowledgenetwork.emulators.notion;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns a {@link NotionError} into Notion's error body. */
@Provider
public class NotionErrorMapper implements ExceptionMapper<NotionError> {
    @Override
    public Response toResponse(NotionError error) {
        return error.toResponse();
    }
}
