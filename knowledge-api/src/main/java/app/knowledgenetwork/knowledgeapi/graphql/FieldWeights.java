package app.knowledgenetwork.knowledgeapi.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;

/**
 * The cost of a field: one, plus its selections times the number of items it can return. Counting one per field
 * (graphql-java's default) let {@code backlinks{backlinks{backlinks{...}}}} through while each level multiplied the
 * work: a list's selections are paid once per item it may hold. A field with a {@code first} argument holds at most
 * that many (its default page when absent); the knowledge graph is weighted by its node bound; other lists of
 * objects by {@link #UNPAGED_LIST}. The edges of a connection and the parts of a graph (either kind) are already paid for by the
 * field that returned them. Sums saturate, so a deep query cannot wrap around to a small number.
 */
final class FieldWeights implements FieldComplexityCalculator {
    /** What a {@code first} argument defaults to (paging/Cursor's default page, and links/backlinks' default). */
    static final int DEFAULT_PAGE = 50;
    /** The largest page any field serves. */
    static final int MAX_PAGE = 100;
    /** The nodes one graph(depth) is weighted by. */
    static final int GRAPH = 100;
    /** Lists of objects without paging (a workspace's members, a graph's nodes are weighted by the graph). */
    static final int UNPAGED_LIST = 20;

    @Override
    public int calculate(FieldComplexityEnvironment env, int childComplexity) {
        return saturating(1 + (long) childComplexity * multiplier(env));
    }

    private static int multiplier(FieldComplexityEnvironment env) {
        GraphQLFieldDefinition field = env.getFieldDefinition();
        if (field.getArgument("first") != null) {
            Object first = env.getArguments().get("first");
            return first instanceof Number n ? Math.clamp(n.intValue(), 1, MAX_PAGE) : DEFAULT_PAGE;
        }
        if (field.getName().equals("graph")) {
            return GRAPH;
        }
        String parent = env.getParentType().getName();
        if (parent.endsWith("Connection") || parent.equals("KnowledgeGraph") || parent.equals("WorkspaceGraph")) {
            return 1;
        }
        return isListOfObjects(field.getType()) ? UNPAGED_LIST : 1;
    }

    private static boolean isListOfObjects(GraphQLType type) {
        GraphQLType t = type instanceof GraphQLNonNull nn ? nn.getWrappedType() : type;
        if (!(t instanceof GraphQLList list)) {
            return false;
        }
        GraphQLType item = list.getWrappedType() instanceof GraphQLNonNull nn ? nn.getWrappedType() : list.getWrappedType();
        return item instanceof GraphQLObjectType;
    }

    static int saturating(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
