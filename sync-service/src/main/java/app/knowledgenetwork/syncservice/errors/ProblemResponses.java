package app.knowledgenetwork.syncservice.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the REST API as application/problem+json (RFC 9457). */
public class ProblemResponses {

    public static Response problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type("application/problem+json").entity(body).build();
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem) {
        return problem(problem.status(), problem.title(), problem.getMessage());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return problem(400, "Malformed JSON", e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("request failed", e);
        }
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(),
                e.getMessage() == null ? e.getResponse().getStatusInfo().getReasonPhrase() : e.getMessage());
    }
}
