package app.knowledgenetwork.knowledgeapi.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The caller may see the thing but lacks the role (or the kind of sign-in) to do this to it. */
@ErrorCode("FORBIDDEN")
public class Forbidden extends ApiException {
    public Forbidden(String message) {
        super(message);
    }

    /** With a reason clients can act on, e.g. {@code MFA_REQUIRED}. */
    public Forbidden(String message, String reason) {
        super(message, reason);
    }
}
