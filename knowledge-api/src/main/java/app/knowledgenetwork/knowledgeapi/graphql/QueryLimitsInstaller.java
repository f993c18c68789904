package app.knowledgenetwork.knowledgeapi.graphql;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.smallrye.graphql.spi.EventingService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Adds {@link QueryLimits} to SmallRye's instrumentations, in place of SmallRye's own depth and complexity limits
 * (which are not configured: {@code kn.graphql.*} replaces {@code quarkus.smallrye-graphql.instrumentation-query-*}).
 * Found by SmallRye through the ServiceLoader (META-INF/services).
 * <p>
 * Added, not set: SmallRye's chain holds its query cache, which stores a parsed and validated query only when its
 * validation instrumentation runs. Without it every request parsed and validated its query twice (graphql-java, then
 * SmallRye's context reading the operation type): two fifths of a cached read's CPU in bench/graphql.
 */
public class QueryLimitsInstaller implements EventingService {
    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // Plain properties, not the QueryLimitsConfig mapping (which QueryLimitsCheck validates at start): SmallRye
        // loads this class once per JVM, so after a restart in tests it belongs to an earlier application's class loader.
        Config config = ConfigProvider.getConfig();
        QueryLimits limits = new QueryLimits(config.getValue("kn.graphql.max-query-depth", Integer.class),
                config.getValue("kn.graphql.max-query-complexity", Integer.class), config.getValue("kn.graphql.max-aliases", Integer.class));
        RequestBudget budget = new RequestBudget(config.getValue("kn.graphql.request-time-budget", Duration.class),
                config.getValue("kn.graphql.max-response-chars", Long.class));
        // The builder has no getter; a GraphQL built from it shows what SmallRye configured. One chain, not a chain
        // inside a chain: graphql-java calls every instrumentation for every field, and each level costs its own walk.
        Instrumentation smallRyes = builder.build().getInstrumentation();
        List<Instrumentation> all = new ArrayList<>(smallRyes instanceof ChainedInstrumentation chain ? chain.getInstrumentations() : List.of(smallRyes));
        all.add(limits);
        all.add(budget);
        return builder.instrumentation(new ChainedInstrumentation(all));
    }
}
