package app.knowledgenetwork.knowledgeapi.graphql;

import app.knowledgenetwork.knowledgeapi.errors.ErrorCodes;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

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

    static final class Spending implements InstrumentationState {
        final long deadline;
        final AtomicLong chars = new AtomicLong();
        volatile String exceeded;

        Spending(long deadline) {
            this.deadline = deadline;
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
        return env -> {
            if (spending.exceeded != null) {
                return null;
            }
            if (System.nanoTime() - spending.deadline > 0) {
                spending.exceeded = "it ran past its time budget of " + budgetNanos / 1_000_000 + " ms";
                return null;
            }
            Object value = fetcher.get(env);
            if (value instanceof CharSequence text && spending.chars.addAndGet(text.length()) > maxResponseChars) {
                spending.exceeded = "its response would exceed " + maxResponseChars + " characters";
                return null;
            }
            return value;
        };
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
