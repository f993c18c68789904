package app.knowledgenetwork.knowledgeapi.graphql;

import graphql.GraphQL;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import io.smallrye.graphql.spi.EventingService;

/**
 * Puts {@link QueryLimits} in place of SmallRye's own depth and complexity instrumentations (which are not
 * configured: {@code kn.graphql.*} replaces {@code quarkus.smallrye-graphql.instrumentation-query-*}). Found by
 * SmallRye through the ServiceLoader (META-INF/services).
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
        return builder.instrumentation(new QueryLimits(config.getValue("kn.graphql.max-query-depth", Integer.class),
                config.getValue("kn.graphql.max-query-complexity", Integer.class)));
    }
}
