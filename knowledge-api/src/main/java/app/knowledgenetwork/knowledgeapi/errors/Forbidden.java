package app.knowledgenetwork.knowledgeapi.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The caller may see the thing but lacks the role to do this to it. */
@ErrorCode("FORBIDDEN")
public class Forbidden extends ApiException {
    public Forbidden(String message) {
        super(message);
    }
}
