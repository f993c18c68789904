package app.knowledgenetwork.knowledgeapi.errors;

import io.smallrye.graphql.api.ErrorCode;

/** An argument is invalid; the message names which and why. */
@ErrorCode("BAD_USER_INPUT")
public class BadUserInput extends ApiException {
    public BadUserInput(String message) {
        super(message);
    }
}
