package app.knowledgenetwork.knowledgeapi.errors;

import io.smallrye.graphql.api.ErrorCode;

/** Too many attempts; try again later. */
@ErrorCode("RATE_LIMITED")
public class RateLimited extends ApiException {
    public RateLimited(String message) {
        super(message);
    }
}
