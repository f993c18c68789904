package app.knowledgenetwork.knowledgeapi.errors;

import graphql.schema.GraphQLSchema;
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
import java.util.Map;

/**
 * SmallRye GraphQL's execution service, with every response passed through {@link ErrorCodes} on its way out.
 * The response writer is the one place every error passes: those of resolvers and of graphql-java's validation,
 * and also those SmallRye writes itself before graphql-java runs (a missing or unparseable query). Quarkus's HTTP
 * and WebSocket handlers look the service up by type, so this alternative replaces SmallRye's own.
 */
public class ErrorCodingExecutionService extends ExecutionService {

    ErrorCodingExecutionService(GraphQLSchema graphQLSchema, Schema schema) {
        super(graphQLSchema, schema);
    }

    @Override
    public void execute(JsonObject jsonInput, Map<String, Object> context, ExecutionResponseWriter writer, boolean async) {
        String query = jsonInput != null && jsonInput.containsKey("query") && jsonInput.get("query") instanceof jakarta.json.JsonString s ? s.getString() : null;
        super.execute(jsonInput, context, new CodingWriter(writer, query), async);
    }

    private record CodingWriter(ExecutionResponseWriter delegate, String query) implements ExecutionResponseWriter {
        @Override
        public void write(ExecutionResponse response) {
            var result = response.getExecutionResult();
            var coded = ErrorCodes.coded(result, query);
            delegate.write(coded == result ? response : new ExecutionResponse(coded));
        }

        @Override
        public void fail(Throwable failure) {
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
        ExecutionService executionService(GraphQLSchema graphQLSchema, Schema schema) {
            return new ErrorCodingExecutionService(graphQLSchema, schema);
        }
    }
}
