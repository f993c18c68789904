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
    }

    private static void requirePositive(int value, String setting) {
        if (value < 1) {
            throw new IllegalStateException(setting + " must be at least 1, not " + value);
        }
    }
}
