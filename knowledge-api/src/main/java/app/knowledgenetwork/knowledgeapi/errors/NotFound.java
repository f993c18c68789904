package app.knowledgenetwork.knowledgeapi.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The thing does not exist, or the caller may not read it (the two are indistinguishable on purpose). */
@ErrorCode("NOT_FOUND")
public class NotFound extends ApiException {
    public NotFound(String message) {
        super(message);
    }
}
