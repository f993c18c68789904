package app.knowledgenetwork.knowledgeapi.errors;

import io.smallrye.graphql.api.ErrorCode;

/** No valid credentials, or they do not allow this. */
@ErrorCode("UNAUTHENTICATED")
public class Unauthenticated extends ApiException {
    public Unauthenticated(String message) {
        super(message);
    }

    /** With a reason clients can act on, e.g. {@code ACCOUNT_DISABLED}. */
    public Unauthenticated(String message, String reason) {
        super(message, reason);
    }
}
