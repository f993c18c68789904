package app.knowledgenetwork.knowledgeapi.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How deep and how complex one GraphQL operation may be; over either, it is refused before it runs. */
@ConfigMapping(prefix = "kn.graphql")
public interface QueryLimitsConfig {
    /** Nesting of selections (backlinks of backlinks ...). */
    @WithDefault("12")
    int maxQueryDepth();

    /**
     * The weight of an operation: one per field, its selections counted once per item a list may return (see
     * FieldWeights). A page of 20 documents with a dozen fields weighs about 250.
     */
    @WithDefault("10000")
    int maxQueryComplexity();

    /** Aliased fields in one operation (each runs its field again). */
    @WithDefault("30")
    int maxAliases();

    /** How long one operation may run; past it, no field is fetched and the response is one RESPONSE_LIMIT_EXCEEDED error. */
    @WithDefault("10S")
    Duration requestTimeBudget();

    /** Characters of text one response may carry (documents are up to a million each). */
    @WithDefault("16000000")
    long maxResponseChars();

    /**
     * GraphQL requests over HTTP one instance serves at once; more are refused at once with 503 SERVER_BUSY (see
     * InFlightLimit). A suggestion takes about 4 ms of CPU, a search about 11: 64 in hand on two cores is a wait of a
     * few hundred milliseconds at most once warm.
     */
    @WithDefault("64")
    int maxInFlight();
}
