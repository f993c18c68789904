package app.knowledgenetwork.knowledgeapi.graphql;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on the GraphQL requests over HTTP one instance has in hand at once ({@code kn.graphql.max-in-flight}): past it
 * a request is answered at once with 503, {@code Retry-After: 1} and one {@code SERVER_BUSY} error, before any resolver
 * of it runs (ErrorCodingExecutionService takes and gives back the slots). Operations over a WebSocket are not counted.
 *
 * <p>Without it, requests beyond what the instance serves wait for a worker thread, each still runs in full once it gets
 * one, and by then its client has given up or its time budget is spent. A knowledge-api started cold under 200
 * suggestions a second (less than half of what it serves once warm) twice in three starts never caught up: it answered 82
 * of them a second for the whole minute measured, every other one an error after 10 s; the third start recovered after
 * queueing for up to 5.7 s. With the bound (64) a cold start refused 885 of the first 10,000 at once and answered the
 * rest, the slowest after 2.7 s (bench/search, seventh pass). Refusing costs almost nothing, and a client knows at once
 * to try again.
 *
 * <p>A slot is given back when the execution's result is handed to the response writer: that happens once for every
 * execution, also when the client has gone away meanwhile (Vert.x's end and close handlers of the response are taken
 * over by later handlers and did not fire for a client that hung up).
 */
// Made at start (@Startup), so a bad setting stops the start rather than the first request.
@Startup
@Singleton
public class InFlightLimit {
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;

    InFlightLimit(QueryLimitsConfig config, MeterRegistry meters) {
        if (config.maxInFlight() < 1) {
            throw new IllegalArgumentException("kn.graphql.max-in-flight (KN_GRAPHQL_MAX_IN_FLIGHT) must be at least 1, was " + config.maxInFlight());
        }
        this.max = config.maxInFlight();
        Gauge.builder("kn.graphql.in.flight", inFlight, AtomicInteger::get)
                .description("GraphQL requests over HTTP being served (bounded by kn.graphql.max-in-flight)").register(meters);
        this.refused = Counter.builder("kn.graphql.refused.busy")
                .description("GraphQL requests refused with 503 SERVER_BUSY because kn.graphql.max-in-flight were being served").register(meters);
    }

    /** A slot for one request; false (the refusal counted) when {@code max} are in hand. */
    public boolean tryAcquire() {
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            refused.increment();
            return false;
        }
        return true;
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    public String refusal() {
        return "knowledge-api is serving as many requests as it takes at once (" + max + "); nothing of this one ran: try again in a moment";
    }
}
