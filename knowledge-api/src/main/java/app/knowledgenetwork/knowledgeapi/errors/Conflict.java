package app.knowledgenetwork.knowledgeapi.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The request collides with the current state (stale revision, duplicate, last owner). */
@ErrorCode("CONFLICT")
public class Conflict extends ApiException {
    public Conflict(String message) {
        super(message);
    }
}
