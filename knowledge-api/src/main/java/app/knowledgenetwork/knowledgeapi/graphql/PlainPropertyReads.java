package app.knowledgenetwork.knowledgeapi.graphql;

import graphql.Scalars;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.PropertyDataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.spi.EventingService;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Fields that only read a record component of type String, ID, Int or Boolean, or of one of our object types
 * (or a list of those), are read by graphql-java's {@link PropertyDataFetcher} instead of SmallRye's
 * {@link FieldDataFetcher}. SmallRye builds a request context for every field it reads, with the JSON of the
 * field's selection, twice; a page of 20 documents reads 160 such fields, and that was a fifth of the service's
 * CPU (bench/graphql). The answer is the same: these values need no transformation. Fields of other scalars
 * (DateTime, enums) and every resolver method keep SmallRye's fetchers.
 * <p>
 * SmallRye finds this hook with the ServiceLoader (META-INF/services), not CDI: its CDI events are off in Quarkus.
 * It loads it once per JVM; where tests restart the application, a later application's fetchers are SmallRye's.
 */
public class PlainPropertyReads implements EventingService {
    private static final Logger LOG = Logger.getLogger(PlainPropertyReads.class);
    private static final Set<String> PLAIN_SCALARS = Set.of(Scalars.GraphQLString.getName(), Scalars.GraphQLID.getName(),
            Scalars.GraphQLInt.getName(), Scalars.GraphQLBoolean.getName());

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build();
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry.Builder changed = GraphQLCodeRegistry.newCodeRegistry(registry);
        int replaced = 0;
        for (GraphQLType type : schema.getAllTypesAsList()) {
            if (!(type instanceof GraphQLObjectType object) || object.getName().startsWith("__") || isRoot(schema, object)) {
                continue;
            }
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                FieldCoordinates at = FieldCoordinates.coordinates(object, field);
                DataFetcher<?> fetcher = registry.getDataFetcher(at, field);
                if (fetcher instanceof FieldDataFetcher<?> && field.getArguments().isEmpty() && plain(field.getType())) {
                    changed.dataFetcher(at, PropertyDataFetcher.fetching(field.getName()));
                    replaced++;
                }
            }
        }
        LOG.infof("%d GraphQL fields are read as plain properties", replaced);
        return builder.codeRegistry(changed.build());
    }

    private static boolean isRoot(GraphQLSchema schema, GraphQLObjectType type) {
        return type == schema.getQueryType() || type == schema.getMutationType() || type == schema.getSubscriptionType();
    }

    private static boolean plain(GraphQLType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return plain(nonNull.getWrappedType());
        }
        if (type instanceof GraphQLList list) {
            return plain(list.getWrappedType());
        }
        if (type instanceof GraphQLScalarType scalar) {
            return PLAIN_SCALARS.contains(scalar.getName());
        }
        return type instanceof GraphQLObjectType;
    }
}
