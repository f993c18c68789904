package app.knowledgenetwork.knowledgeapi.graphql;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Stops the service at start on a limit that would refuse every query (SmallRye builds its engine only later). */
@ApplicationScoped
class QueryLimitsCheck {
    void atStart(@Observes StartupEvent start, QueryLimitsConfig limits) {
        requirePositive(limits.maxQueryDepth(), "kn.graphql.max-query-depth (KN_GRAPHQL_MAX_QUERY_DEPTH)");
        requirePositive(limits.maxQueryComplexity(), "kn.graphql.max-query-complexity (KN_GRAPHQL_MAX_QUERY_COMPLEXITY)");
        requirePositive(limits.maxAliases(), "kn.graphql.max-aliases (KN_GRAPHQL_MAX_ALIASES)");
        requirePositive(limits.requestTimeBudget().toMillis(), "kn.graphql.request-time-budget (KN_GRAPHQL_REQUEST_TIME_BUDGET)");
        requirePositive(limits.maxResponseChars(), "kn.graphql.max-response-chars (KN_GRAPHQL_MAX_RESPONSE_CHARS)");
    }

    private static void requirePositive(long value, String setting) {
        if (value < 1) {
            throw new IllegalStateException(setting + " must be at least 1, not " + value);
        }
    }
}
