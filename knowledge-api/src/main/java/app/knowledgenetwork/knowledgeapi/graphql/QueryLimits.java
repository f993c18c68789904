package app.knowledgenetwork.knowledgeapi.graphql;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The query depth and complexity limits (graphql-java's own instrumentations), with their verdict remembered per
 * query text and operation. SmallRye caches the parsing and validation of a query text, but the limits walked the
 * whole query again on every request (a twelfth of the CPU of a small read in bench/graphql). Only a passing
 * verdict is remembered, and only for queries without {@code @skip} or {@code @include}, the one way variables
 * change which fields a query selects.
 */
final class QueryLimits extends SimplePerformantInstrumentation {
    /** Distinct query texts are few (clients send fixed operations); past this many, start over. */
    private static final int REMEMBERED = 1_000;
    /** Longer texts are checked every time, so remembered texts take at most a few MB whatever clients send. */
    private static final int REMEMBERED_LENGTH = 4_000;

    private record Operation(String query, String name) {
    }

    private final Instrumentation limits;
    private final Map<Operation, Boolean> passed = new ConcurrentHashMap<>();

    QueryLimits(int maxDepth, int maxComplexity) {
        this.limits = new ChainedInstrumentation(List.of(new MaxQueryComplexityInstrumentation(maxComplexity),
                new MaxQueryDepthInstrumentation(maxDepth)));
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return limits.createStateAsync(parameters);
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                         InstrumentationState state) {
        return limits.beginValidation(parameters, state);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        var execution = parameters.getExecutionContext();
        String query = execution.getExecutionInput().getQuery();
        boolean rememberable = query.length() <= REMEMBERED_LENGTH && !query.contains("@skip") && !query.contains("@include");
        Operation operation = new Operation(query, execution.getOperationDefinition().getName());
        if (rememberable && passed.containsKey(operation)) {
            return SimpleInstrumentationContext.noOp();
        }
        InstrumentationContext<ExecutionResult> context = limits.beginExecuteOperation(parameters, state); // throws when over a limit
        if (rememberable) {
            if (passed.size() >= REMEMBERED) {
                passed.clear();
            }
            passed.put(operation, Boolean.TRUE);
        }
        return context;
    }
}
