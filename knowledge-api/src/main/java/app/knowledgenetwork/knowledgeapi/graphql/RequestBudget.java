package app.knowledgenetwork.knowledgeapi.graphql;

import app.knowledgenetwork.knowledgeapi.errors.ErrorCodes;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What one request may spend once it runs: a time budget and a bound on the text it returns. The weights refuse the
 * queries that are large by shape; these stop the ones that are large by data (a graph that fans out, documents of a
 * megabyte each). Past either bound no field is fetched any more (each fetch answers null at once, so the work
 * stops), and the whole response is replaced by one RESPONSE_LIMIT_EXCEEDED error: a partial answer would be
 * mistaken for a complete one, and a null for each unfetched field would cost an error apiece.
 */
final class RequestBudget extends SimplePerformantInstrumentation {
    private final long budgetNanos;
    private final long maxResponseChars;

    RequestBudget(Duration budget, long maxResponseChars) {
        this.budgetNanos = budget.toNanos();
        this.maxResponseChars = maxResponseChars;
    }

    final class Spending implements InstrumentationState {
        final long deadline;
        final AtomicLong chars = new AtomicLong();
        volatile String exceeded;

        Spending(long deadline) {
            this.deadline = deadline;
        }

        /** False once the request is over a bound: its remaining fields answer null at once. */
        boolean mayFetch() {
            if (exceeded != null) {
                return false;
            }
            if (System.nanoTime() - deadline > 0) {
                exceeded = "it ran past its time budget of " + budgetNanos / 1_000_000 + " ms";
                return false;
            }
            return true;
        }

        /** A fetched value, its text counted towards the response size; null once the size is exceeded. */
        Object counted(Object value) {
            if (value instanceof CharSequence text && chars.addAndGet(text.length()) > maxResponseChars) {
                exceeded = "its response would exceed " + maxResponseChars + " characters";
                return null;
            }
            return value;
        }
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new Spending(System.nanoTime() + budgetNanos));
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (!(state instanceof Spending spending)) {
            return fetcher;
        }
        // A property read stays a LightDataFetcher: graphql-java then calls it without building a
        // DataFetchingEnvironment, which a plain wrapper would force for each of a page's ~160 fields (bench/graphql).
        if (fetcher instanceof LightDataFetcher<?> light) {
            return new LightDataFetcher<Object>() {
                @Override
                public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env) throws Exception {
                    return spending.mayFetch() ? spending.counted(light.get(field, source, env)) : null;
                }

                @Override
                public Object get(DataFetchingEnvironment env) throws Exception {
                    return spending.mayFetch() ? spending.counted(light.get(env)) : null;
                }
            };
        }
        return env -> spending.mayFetch() ? spending.counted(fetcher.get(env)) : null;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                                                                       InstrumentationState state) {
        if (state instanceof Spending spending && spending.exceeded != null) {
            String message = "The request was stopped: " + spending.exceeded + ". Ask for less at once: smaller pages (first), fewer nested lists or fields.";
            return CompletableFuture.completedFuture(ErrorCodes.limitExceeded(message));
        }
        return CompletableFuture.completedFuture(result);
    }
}
