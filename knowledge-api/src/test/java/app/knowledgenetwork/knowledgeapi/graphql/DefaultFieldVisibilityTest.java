package app.knowledgenetwork.knowledgeapi.graphql;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import graphql.Scalars;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import org.junit.jupiter.api.Test;

class DefaultFieldVisibilityTest {
    private static GraphQLSchema.Builder schemaAsSmallRyeBuildsIt(BlockedFields visibility) {
        GraphQLObjectType query = GraphQLObjectType.newObject().name("Query")
                .field(GraphQLFieldDefinition.newFieldDefinition().name("title").type(Scalars.GraphQLString))
                .field(GraphQLFieldDefinition.newFieldDefinition().name("secret").type(Scalars.GraphQLString))
                .build();
        return GraphQLSchema.newSchema().query(query).codeRegistry(GraphQLCodeRegistry.newCodeRegistry().fieldVisibility(visibility).build());
    }

    @Test
    void quarkusDefaultBecomesGraphqlJavasDefaultAndEveryFieldStaysVisible() {
        GraphQLSchema schema = DefaultFieldVisibility.withDefaultVisibility(
                schemaAsSmallRyeBuildsIt(BlockedFields.newBlock().addPattern("default").build()), "default").build();
        var visibility = schema.getCodeRegistry().getFieldVisibility();
        assertSame(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY, visibility);
        assertNotNull(visibility.getFieldDefinition(schema.getQueryType(), "title"));
        assertNotNull(visibility.getFieldDefinition(schema.getQueryType(), "secret"));
    }

    @Test
    void configuredPatternsStillBlockTheirFields() {
        GraphQLSchema schema = DefaultFieldVisibility.withDefaultVisibility(
                schemaAsSmallRyeBuildsIt(BlockedFields.newBlock().addPattern("Query.secret").build()), "Query.secret").build();
        var visibility = schema.getCodeRegistry().getFieldVisibility();
        assertInstanceOf(BlockedFields.class, visibility);
        assertNull(visibility.getFieldDefinition(schema.getQueryType(), "secret"));
        assertNotNull(visibility.getFieldDefinition(schema.getQueryType(), "title"));
    }
}
