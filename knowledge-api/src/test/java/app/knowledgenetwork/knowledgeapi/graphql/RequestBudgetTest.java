package app.knowledgenetwork.knowledgeapi.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A request past its time or size budget stops fetching and answers one RESPONSE_LIMIT_EXCEEDED error, no partial data. */
class RequestBudgetTest {
    private final AtomicInteger fetched = new AtomicInteger();

    private GraphQL engine(Duration budget, long maxChars, long millisPerItem) {
        String sdl = "type Query { items: [Item!]! } type Item { id: ID! text: String! }";
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("items", env -> IntStream.range(0, 1_000).boxed().toList()))
                .type("Item", t -> t.dataFetcher("id", env -> env.getSource().toString()).dataFetcher("text", env -> {
                    fetched.incrementAndGet();
                    if (millisPerItem > 0) {
                        Thread.sleep(millisPerItem); // stands for a slow statement per item
                    }
                    return String.join("", Collections.nCopies(100, "x"));
                }))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
        return GraphQL.newGraphQL(schema).instrumentation(new RequestBudget(budget, maxChars)).build();
    }

    @Test
    void aRequestPastItsTimeBudgetStopsFetchingAndReturnsNoPartialData() {
        ExecutionResult result = engine(Duration.ofMillis(200), Long.MAX_VALUE, 2).execute("{ items { id text } }");
        assertStopped(result, "time budget of 200 ms");
        assertTrue(fetched.get() < 1_000, "the work stopped: fetched " + fetched.get() + " of 1000");
    }

    @Test
    void aResponseOverTheSizeBoundIsStopped() {
        ExecutionResult result = engine(Duration.ofSeconds(30), 10_000, 0).execute("{ items { text } }");
        assertStopped(result, "exceed 10000 characters");
        assertTrue(fetched.get() <= 101, "no text fetched past the bound: " + fetched.get());
    }

    @Test
    void aRequestWithinItsBudgetIsAnsweredWhole() {
        ExecutionResult result = engine(Duration.ofSeconds(30), 200_000, 0).execute("{ items { id text } }");
        assertTrue(result.getErrors().isEmpty(), result.getErrors().toString());
        assertEquals(1_000, ((List<?>) ((java.util.Map<?, ?>) result.getData()).get("items")).size());
    }

    public record Note(String id, String text) {
    }

    /** Property reads (graphql-java's light fetchers, most of a response's fields) count too, and stay light. */
    @Test
    void propertyReadsCountTowardsTheSizeAndStayLightFetchers() throws Exception {
        String sdl = "type Query { notes: [Note!]! } type Note { id: ID! text: String! }";
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("notes", env -> IntStream.range(0, 1_000).mapToObj(i -> new Note("n" + i, "y".repeat(100))).toList()))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
        RequestBudget budget = new RequestBudget(Duration.ofSeconds(30), 10_000);
        assertStopped(GraphQL.newGraphQL(schema).instrumentation(budget).build().execute("{ notes { text } }"), "exceed 10000 characters");

        // graphql-java calls a LightDataFetcher without building a DataFetchingEnvironment per field: the budget's
        // wrapper must not take that away (it cost a tenth of a cached read's throughput in bench/graphql).
        var state = budget.createStateAsync(null).get();
        var wrapped = budget.instrumentDataFetcher(PropertyDataFetcher.fetching("text"), null, state);
        assertTrue(wrapped instanceof LightDataFetcher<?>, "a property read stays light: " + wrapped.getClass());
        var text = schema.getObjectType("Note").getFieldDefinition("text");
        assertEquals("hello", ((LightDataFetcher<?>) wrapped).get(text, new Note("1", "hello"), () -> null));
    }

    private static void assertStopped(ExecutionResult result, String why) {
        assertNull(result.getData());
        assertEquals(1, result.getErrors().size(), result.getErrors().toString());
        assertEquals("RESPONSE_LIMIT_EXCEEDED", result.getErrors().get(0).getExtensions().get("code"));
        assertTrue(result.getErrors().get(0).getMessage().contains(why), result.getErrors().get(0).getMessage());
    }
}
