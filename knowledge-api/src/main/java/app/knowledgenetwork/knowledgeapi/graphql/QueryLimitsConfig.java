package app.knowledgenetwork.knowledgeapi.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How deep and how complex one GraphQL operation may be; over either, it is refused before it runs. */
@ConfigMapping(prefix = "kn.graphql")
public interface QueryLimitsConfig {
    /** Nesting of selections (backlinks of backlinks ...). */
    @WithDefault("12")
    int maxQueryDepth();

    /** graphql-java's count: one per selected field, including nested ones. */
    @WithDefault("1000")
    int maxQueryComplexity();
}
