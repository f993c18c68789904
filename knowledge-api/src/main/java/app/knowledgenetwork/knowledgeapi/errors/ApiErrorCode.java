package app.knowledgenetwork.knowledgeapi.errors;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Every {@code extensions.code} an error of this API can carry (docs/graphql.md, "Errors"). Clients may switch
 * on these; a new one is an API change.
 */
public enum ApiErrorCode {
    /** No, invalid or expired credentials; wrong password; disabled account. */
    UNAUTHENTICATED,
    /** Signed in, but the role (or the kind of sign-in, see extensions.reason) does not allow this. */
    FORBIDDEN,
    /** It does not exist, or the caller may not read it. */
    NOT_FOUND,
    /** The request collides with the current state. */
    CONFLICT,
    /** An argument's value is invalid; the message names the argument. */
    BAD_USER_INPUT,
    /** Too many attempts; try again later. */
    RATE_LIMITED,
    /** Full-text search is unavailable for now (OpenSearch is unreachable or failing); try again later. */
    SEARCH_UNAVAILABLE,
    /** The document is not valid GraphQL syntax (or is too long); nothing ran. */
    GRAPHQL_PARSE_FAILED,
    /** The document does not fit the schema or the limits, or the variables do not fit the document; nothing ran. */
    GRAPHQL_VALIDATION_FAILED,
    /**
     * The request ran past its time budget or its response would exceed the size bound; it was stopped and nothing
     * of it is returned. Ask for less at once (smaller pages, fewer nested lists).
     */
    RESPONSE_LIMIT_EXCEEDED,
    /**
     * The instance is serving as many requests as it takes at once (HTTP 503 with Retry-After); nothing of this one ran,
     * so it is safe to send again, mutations included.
     */
    SERVER_BUSY,
    /** A fault of the server; the message is generic and names an incident to find in the logs. */
    INTERNAL_SERVER_ERROR;

    /** The code of a refusal, from its class's {@code @ErrorCode}. */
    public static ApiErrorCode of(ApiException refusal) {
        ErrorCode annotation = refusal.getClass().getAnnotation(ErrorCode.class);
        if (annotation == null) {
            throw new IllegalStateException(refusal.getClass().getName() + " has no @ErrorCode");
        }
        return valueOf(annotation.value());
    }
}
