package app.knowledgenetwork.apigateway.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refusal from one of the gateway's own REST endpoints, answered as its problem+json. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    @Provider
    public static class Mapper implements ExceptionMapper<ProblemException> {

        private final HttpServerRequest request;

        public Mapper(HttpServerRequest request) {
            this.request = request;
        }

        @Override
        public Response toResponse(ProblemException e) {
            Problem p = e.problem();
            return Response.status(p.status()).type(Problem.CONTENT_TYPE)
                    .header("Cache-Control", "no-store")
                    .entity(p.toJson(request.path(), request.getHeader("X-Request-Id")).encode())
                    .build();
        }
    }
}
