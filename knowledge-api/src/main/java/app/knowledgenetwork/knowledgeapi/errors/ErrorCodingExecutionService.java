package app.knowledgenetwork.knowledgeapi.errors;

import app.knowledgenetwork.knowledgeapi.graphql.GraphQlOverHttp;
import app.knowledgenetwork.knowledgeapi.graphql.InFlightLimit;
import graphql.ExecutionResult;
import graphql.schema.GraphQLSchema;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ContextNotActiveException;
import io.quarkus.arc.Unremovable;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.schema.model.Schema;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SmallRye GraphQL's execution service, with every response passed through {@link ErrorCodes} on its way out.
 * The response writer is the one place every error passes: those of resolvers and of graphql-java's validation,
 * and also those SmallRye writes itself before graphql-java runs (a missing or unparseable query). Quarkus's HTTP
 * and WebSocket handlers look the service up by type, so this alternative replaces SmallRye's own.
 */
public class ErrorCodingExecutionService extends ExecutionService {

    private final CurrentVertxRequest request;
    private final InFlightLimit limit;

    ErrorCodingExecutionService(GraphQLSchema graphQLSchema, Schema schema, CurrentVertxRequest request, InFlightLimit limit) {
        super(graphQLSchema, schema);
        this.request = request;
        this.limit = limit;
    }

    @Override
    public void execute(JsonObject jsonInput, Map<String, Object> context, ExecutionResponseWriter writer, boolean async) {
        // SmallRye casts these parameters unchecked: a wrong type would end as an HTTP 500 with no GraphQL body.
        RoutingContext http = currentHttpRequest();
        String malformed = malformedParameter(jsonInput);
        if (malformed != null) {
            ExecutionResult refused = ErrorCodes.requestError(malformed);
            GraphQlOverHttp.markRequestError(http, refused);
            writer.write(new ExecutionResponse(refused));
            return;
        }
        // Over HTTP only: a WebSocket's operations are bounded by its connection.
        if (http != null && !limit.tryAcquire()) {
            GraphQlOverHttp.markBusy(http);
            writer.write(new ExecutionResponse(ErrorCodes.busy(limit.refusal())));
            return;
        }
        String query = jsonInput.get("query") instanceof JsonString s ? s.getString() : null;
        CodingWriter coding = new CodingWriter(writer, query, http, http == null ? null : limit);
        try {
            super.execute(jsonInput, context, coding, async);
        } catch (RuntimeException e) {
            if (!coding.written) {
                coding.release();
                writer.write(new ExecutionResponse(ErrorCodes.internalError(e)));
            } else {
                throw e;
            }
        }
    }

    /** The HTTP request being served, when there is one (not for operations over a WebSocket). */
    private RoutingContext currentHttpRequest() {
        try {
            return request.getCurrent();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    /** What is wrong with the request's parameters (GraphQL over HTTP: query, operationName, variables), or null. */
    static String malformedParameter(JsonObject request) {
        if (request == null) {
            return "The request body must be a JSON object with a 'query'";
        }
        if (!isAbsentOr(request, "query", JsonValue.ValueType.STRING)) {
            return "query: must be a string holding a GraphQL document";
        }
        if (!isAbsentOr(request, "operationName", JsonValue.ValueType.STRING)) {
            return "operationName: must be a string";
        }
        if (!isAbsentOr(request, "variables", JsonValue.ValueType.OBJECT)) {
            return "variables: must be a JSON object (a map of variable names to values)";
        }
        return null;
    }

    private static boolean isAbsentOr(JsonObject request, String key, JsonValue.ValueType type) {
        JsonValue value = request.get(key);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL || value.getValueType() == type;
    }

    private static final class CodingWriter implements ExecutionResponseWriter {
        private final ExecutionResponseWriter delegate;
        private final String query;
        private final RoutingContext http;
        private final InFlightLimit slot;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile boolean written;

        CodingWriter(ExecutionResponseWriter delegate, String query, RoutingContext http, InFlightLimit slot) {
            this.delegate = delegate;
            this.query = query;
            this.http = http;
            this.slot = slot;
        }

        /** Gives the request's slot back, once; before the response goes out, so that the client's next request finds it free. */
        void release() {
            if (slot != null && released.compareAndSet(false, true)) {
                slot.release();
            }
        }

        @Override
        public void write(ExecutionResponse response) {
            written = true;
            release();
            var result = response.getExecutionResult();
            var coded = ErrorCodes.coded(result, query);
            GraphQlOverHttp.markRequestError(http, coded);
            delegate.write(coded == result ? response : new ExecutionResponse(coded));
        }

        @Override
        public void fail(Throwable failure) {
            written = true;
            release();
            delegate.fail(failure);
        }
    }

    /**
     * Replaces the service SmallRye's GraphQLProducer makes, over the schema it made. Unremovable: Quarkus looks it up
     * programmatically, which ArC's unused-bean removal does not see.
     */
    @Singleton
    static class Producer {
        @Produces
        @Unremovable
        @Alternative
        @Priority(1)
        @Singleton
        ExecutionService executionService(GraphQLSchema graphQLSchema, Schema schema, CurrentVertxRequest request, InFlightLimit limit) {
            // A client proxy, resolved per call: no container lookup on every request.
            return new ErrorCodingExecutionService(graphQLSchema, schema, request, limit);
        }
    }
}
