package app.knowledgenetwork.knowledgeapi.graphql;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Page sizes given as variables change the weight, so their values are part of what was checked. */
    private static final Pattern FIRST_VARIABLE = Pattern.compile("\\bfirst\\s*:\\s*\\$(\\w+)");

    private record Operation(String query, String name, List<Object> pageSizes) {
    }

    private final Instrumentation limits;
    private final int maxAliases;
    private final Map<Operation, Boolean> passed = new ConcurrentHashMap<>();
    /** The variables each remembered query text gives as page sizes, found once per text rather than per request. */
    private final Map<String, List<String>> pageSizeVariables = new ConcurrentHashMap<>();

    /** Depth first: a query too deep is told so, rather than that it weighs too much. Complexity is weighed by {@link FieldWeights}. */
    QueryLimits(int maxDepth, int maxComplexity, int maxAliases) {
        this.limits = new ChainedInstrumentation(List.of(new MaxQueryDepthInstrumentation(maxDepth),
                new MaxQueryComplexityInstrumentation(maxComplexity, new FieldWeights())));
        this.maxAliases = maxAliases;
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
        Operation operation = rememberable ? new Operation(query, execution.getOperationDefinition().getName(), pageSizes(query, execution.getCoercedVariables().toMap())) : null;
        if (rememberable && passed.containsKey(operation)) {
            return SimpleInstrumentationContext.noOp();
        }
        InstrumentationContext<ExecutionResult> context = limits.beginExecuteOperation(parameters, state); // throws when over a limit
        int aliases = Aliases.count(execution.getOperationDefinition().getSelectionSet(), execution.getFragmentsByName());
        if (aliases > maxAliases) {
            throw new AbortExecutionException("The query uses " + aliases + " aliases; at most " + maxAliases + " are allowed in one request");
        }
        if (rememberable) {
            if (passed.size() >= REMEMBERED) {
                passed.clear();
                pageSizeVariables.clear();
            }
            passed.put(operation, Boolean.TRUE);
        }
        return context;
    }

    private List<Object> pageSizes(String query, Map<String, Object> variables) {
        if (query.indexOf('$') < 0) {
            return List.of();
        }
        List<String> names = pageSizeVariables.computeIfAbsent(query, QueryLimits::pageSizeVariableNames);
        List<Object> sizes = new ArrayList<>(names.size());
        for (String name : names) {
            sizes.add(variables.get(name));
        }
        return sizes;
    }

    private static List<String> pageSizeVariableNames(String query) {
        List<String> names = new ArrayList<>();
        Matcher m = FIRST_VARIABLE.matcher(query);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }
}
