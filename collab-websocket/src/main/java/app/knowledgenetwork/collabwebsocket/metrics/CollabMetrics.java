package app.knowledgenetwork.collabwebsocket.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The service's meters. Gauges: kn_collab_sessions_active (joined editing sessions: the dashboards' "collaboration
 * sessions"), kn_collab_connections_open, kn_collab_documents_active. Counters: kn_collab_operations_total,
 * kn_collab_operations_rejected_total{reason}, kn_collab_saves_total{result}. Histogram:
 * kn_collab_broadcast_latency_seconds (sequenced to sent to the other clients, on every replica).
 */
@ApplicationScoped
public class CollabMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter operations;
    private final Timer broadcast;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> saves = new ConcurrentHashMap<>();

    public CollabMetrics(MeterRegistry registry) {
        this.registry = registry;
        io.micrometer.core.instrument.Gauge.builder("kn.collab.connections.open", connections, AtomicInteger::get)
                .description("WebSocket connections open on this replica, authenticated or not").register(registry);
        operations = Counter.builder("kn.collab.operations").description("Operations sequenced by this replica").register(registry);
        broadcast = Timer.builder("kn.collab.broadcast.latency")
                .description("From an operation's sequencing in Redis to its sending to the other clients on this replica")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }

    /** Registers the gauges read from the live state. */
    public void liveState(Supplier<Number> sessions, Supplier<Number> documents) {
        io.micrometer.core.instrument.Gauge.builder("kn.collab.sessions.active", sessions)
                .description("Collaboration sessions (clients joined to a document) on this replica").register(registry);
        io.micrometer.core.instrument.Gauge.builder("kn.collab.documents.active", documents)
                .description("Documents with clients on this replica").register(registry);
    }

    public void opened() {
        connections.incrementAndGet();
    }

    public void closed() {
        connections.decrementAndGet();
    }

    public void sequenced() {
        operations.increment();
    }

    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("kn.collab.operations.rejected").tag("reason", r)
                .description("Operations refused, by reason").register(registry)).increment();
    }

    public void broadcast(long sequencedAtMillis) {
        broadcast.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - sequencedAtMillis)));
    }

    public void saved(String result) {
        saves.computeIfAbsent(result, r -> Counter.builder("kn.collab.saves").tag("result", r)
                .description("Snapshots saved into PostgreSQL, by result").register(registry)).increment();
    }
}
