package app.knowledgenetwork.knowledgeapi.graphql;

import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.smallrye.graphql.spi.EventingService;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Quarkus' default {@code quarkus.smallrye-graphql.field-visibility} is the word {@code default}, which SmallRye does
 * not recognise: it builds a blocked-fields filter with the one pattern "default", which blocks nothing (patterns must
 * match a whole "Type.field") but runs a regular expression on every field lookup, 4 % of a document listing's CPU
 * (bench/graphql). With that value this puts graphql-java's own default, which hides nothing, in its place; any other
 * setting (no-introspection, real patterns) is left as SmallRye made it.
 * <p>
 * Found with the ServiceLoader (META-INF/services), as {@link PlainPropertyReads} is.
 */
public class DefaultFieldVisibility implements EventingService {
    static final String QUARKUS_DEFAULT = "default";

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        String configured = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class)
                .orElse(QUARKUS_DEFAULT);
        return withDefaultVisibility(builder, configured);
    }

    static GraphQLSchema.Builder withDefaultVisibility(GraphQLSchema.Builder builder, String configured) {
        if (!QUARKUS_DEFAULT.equals(configured.strip())) {
            return builder;
        }
        GraphQLCodeRegistry registry = builder.build().getCodeRegistry();
        return builder.codeRegistry(registry.transform(changed -> changed.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY)));
    }
}
