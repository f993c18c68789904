package app.knowledgenetwork.syncservice.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns a connector's error answer (problem+json, or anything else) into a {@link ConnectorFailure} that quotes it. */
public class ProblemReader implements ResponseExceptionMapper<ConnectorFailure> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ConnectorFailure toThrowable(Response response) {
        String body = "";
        try {
            response.bufferEntity();
            body = response.readEntity(String.class);
        } catch (RuntimeException e) {
            // no readable body: the status alone tells
        }
        String title = response.getStatusInfo().getReasonPhrase();
        String detail = body;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.has("title")) {
                title = problem.path("title").asText(title);
                detail = problem.path("detail").asText("");
            }
        } catch (Exception e) {
            // not JSON: keep the raw body
        }
        return new ConnectorFailure(response.getStatus(), title, detail);
    }
}
