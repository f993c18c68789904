package app.knowledgenetwork.knowledgeapi.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limits are added to the instrumentations SmallRye configured, not put in their place: SmallRye's query cache is
 * one of them, and without its validation hook every request parsed and validated its query again.
 */
class QueryLimitsInstallerTest {
    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { node: Node } type Node { id: ID child: Node }"), RuntimeWiring.newRuntimeWiring().build());

    /** Stands for SmallRye's query cache: it must keep seeing every validation. */
    static final class SeesValidations extends SimplePerformantInstrumentation {
        final AtomicInteger validations = new AtomicInteger();

        @Override
        public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                             InstrumentationState state) {
            validations.incrementAndGet();
            return SimpleInstrumentationContext.noOp();
        }
    }

    @BeforeEach
    void limits() {
        System.setProperty("kn.graphql.max-query-depth", "3");
        System.setProperty("kn.graphql.max-query-complexity", "100");
        System.setProperty("kn.graphql.max-aliases", "5");
        System.setProperty("kn.graphql.request-time-budget", "10S");
        System.setProperty("kn.graphql.max-response-chars", "1000000");
    }

    @AfterEach
    void clear() {
        System.clearProperty("kn.graphql.max-query-depth");
        System.clearProperty("kn.graphql.max-query-complexity");
        System.clearProperty("kn.graphql.max-aliases");
        System.clearProperty("kn.graphql.request-time-budget");
        System.clearProperty("kn.graphql.max-response-chars");
    }

    @Test
    void keepsTheInstrumentationItFindsAndAddsTheLimits() {
        SeesValidations smallRyes = new SeesValidations();
        keepsAndLimits(smallRyes, smallRyes);
    }

    @Test
    void keepsEveryInstrumentationOfTheChainItFinds() {
        SeesValidations smallRyes = new SeesValidations();
        keepsAndLimits(new ChainedInstrumentation(List.of(new SimplePerformantInstrumentation(), smallRyes)), smallRyes);
    }

    private static void keepsAndLimits(Instrumentation found, SeesValidations smallRyes) {
        GraphQL graphQL = new QueryLimitsInstaller()
                .beforeGraphQLBuild(GraphQL.newGraphQL(SCHEMA).instrumentation(found))
                .build();

        ExecutionResult shallow = graphQL.execute("{ node { id } }");
        assertTrue(shallow.getErrors().isEmpty(), shallow.getErrors().toString());
        assertEquals(1, smallRyes.validations.get(), "the instrumentation found on the builder still runs");

        ExecutionResult deep = graphQL.execute("{ node { child { child { child { id } } } } }");
        assertFalse(deep.getErrors().isEmpty(), "a query deeper than kn.graphql.max-query-depth is refused");
        assertTrue(deep.getErrors().get(0).getMessage().contains("depth"), deep.getErrors().toString());
        assertEquals(2, smallRyes.validations.get());
    }
}
