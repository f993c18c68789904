package app.knowledgenetwork.knowledgeapi.errors;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Gives every error of a response exactly one {@code extensions.code} of {@link ApiErrorCode}, whoever raised it:
 * our refusals keep their code, message and reason; the engine's parse and validation errors (which SmallRye
 * GraphQL sends without a code) get GRAPHQL_PARSE_FAILED or GRAPHQL_VALIDATION_FAILED; anything else is a fault
 * of ours, logged with an incident id and answered with a generic message, so no exception class, stack trace
 * or SQL ever reaches a client. {@code extensions.classification} (the engine's own category) is kept.
 */
public final class ErrorCodes {
    static final String INTERNAL_MESSAGE = "Internal server error: the request could not be completed (incident %s). Try again later; if it persists, report the incident.";
    /**
     * What SmallRye GraphQL answers, without a classification of its own, when the request has no query or a query
     * it cannot parse (it parses before graphql-java runs).
     */
    private static final Set<String> SMALLRYE_REQUEST_ERRORS = Set.of("Unparseable input document", "Missing 'query' field in the request");
    private static final Logger LOG = Logger.getLogger(ErrorCodes.class);

    private ErrorCodes() {
    }

    /** The result with every error coded; the result itself when it has no error. */
    public static ExecutionResult coded(ExecutionResult result, String query) {
        if (result.getErrors() == null || result.getErrors().isEmpty()) {
            return result;
        }
        List<GraphQLError> coded = result.getErrors().stream().map(e -> coded(e, query)).toList();
        return result.transform(b -> b.errors(coded));
    }

    static GraphQLError coded(GraphQLError error, String query) {
        if (error instanceof CodedError) {
            return error;
        }
        Throwable cause = error instanceof ExceptionWhileDataFetching fetching ? fetching.getException() : null;
        ApiException refusal = refusalIn(cause);
        if (refusal != null) {
            return withCode(error, refusal.getMessage(), ApiErrorCode.of(refusal), refusal.reason());
        }
        ApiErrorCode engine = cause == null ? engineCode(error.getErrorType()) : null;
        if (engine != null) {
            return withCode(error, error.getMessage(), engine, null);
        }
        if (cause == null && SMALLRYE_REQUEST_ERRORS.contains(error.getMessage())) {
            return withCode(error, syntaxError(query, error.getMessage()), ApiErrorCode.GRAPHQL_PARSE_FAILED, null);
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        if (cause != null) {
            LOG.errorf(cause, "GraphQL incident %s: unexpected failure at %s", incident, error.getPath());
        } else {
            LOG.errorf("GraphQL incident %s: %s error at %s: %s", incident, error.getErrorType(), error.getPath(), error.getMessage());
        }
        return withCode(error, INTERNAL_MESSAGE.formatted(incident), ApiErrorCode.INTERNAL_SERVER_ERROR, null);
    }

    /** A response to a request that is not a GraphQL request (GRAPHQL_PARSE_FAILED); nothing ran. */
    public static ExecutionResult requestError(String message) {
        return oneError(ApiErrorCode.GRAPHQL_PARSE_FAILED, ErrorType.InvalidSyntax, message);
    }

    /** The whole response of a request stopped by its time or size budget (RESPONSE_LIMIT_EXCEEDED): no partial data. */
    public static ExecutionResult limitExceeded(String message) {
        return oneError(ApiErrorCode.RESPONSE_LIMIT_EXCEEDED, ErrorType.ExecutionAborted, message);
    }

    /** A request refused before anything of it ran because the instance has as many in hand as it takes. */
    public static ExecutionResult busy(String message) {
        return oneError(ApiErrorCode.SERVER_BUSY, ErrorType.ExecutionAborted, message);
    }

    /** A response that is one error and no data. */
    private static ExecutionResult oneError(ApiErrorCode code, ErrorType type, String message) {
        var error = new CodedError(message, null, null, type, extensions(code, null, type));
        return ExecutionResult.newExecutionResult().addError(error).build();
    }

    /** A response to a request that failed before any resolver ran, for a reason of ours; the failure is logged. */
    public static ExecutionResult internalError(Throwable failure) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(failure, "GraphQL incident %s: the request failed before it ran", incident);
        var error = new CodedError(INTERNAL_MESSAGE.formatted(incident), null, null, ErrorType.DataFetchingException,
                extensions(ApiErrorCode.INTERNAL_SERVER_ERROR, null, ErrorType.DataFetchingException));
        return ExecutionResult.newExecutionResult().addError(error).build();
    }

    /** The code of an error the engine found in the request itself; null for a fault while running it. */
    static ApiErrorCode engineCode(ErrorClassification classification) {
        if (classification == ErrorType.InvalidSyntax) {
            return ApiErrorCode.GRAPHQL_PARSE_FAILED;
        }
        // ExecutionAborted: the depth and complexity limits refuse a query before it runs.
        if (classification == ErrorType.ValidationError || classification == ErrorType.OperationNotSupported
                || classification == ErrorType.ExecutionAborted) {
            return ApiErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
        return null;
    }

    /** SmallRye only says "Unparseable input document"; the parser says where and why (same options: token limit). */
    private static String syntaxError(String query, String fallback) {
        if (query == null || query.isBlank()) {
            return "Missing 'query': the request has no GraphQL document";
        }
        try {
            Parser.parse(query);
            return fallback;
        } catch (InvalidSyntaxException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static ApiException refusalIn(Throwable cause) {
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return refusal;
            }
        }
        return null;
    }

    private static GraphQLError withCode(GraphQLError error, String message, ApiErrorCode code, String reason) {
        return new CodedError(message, error.getLocations(), error.getPath(), error.getErrorType(), extensions(code, reason, error.getErrorType()));
    }

    private static Map<String, Object> extensions(ApiErrorCode code, String reason, ErrorClassification classification) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        if (reason != null) {
            extensions.put("reason", reason);
        }
        if (classification != null) {
            extensions.put("classification", classification.toString());
        }
        return extensions;
    }
}
