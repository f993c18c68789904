package app.knowledgenetwork.searchindexer;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * The gauges of the work still to do, all read from the knowledge database (every replica counts the same tables, so
 * panels take the max):
 * <ul>
 * <li>{@code kn_outbox_pending}: the document events of the outbox not relayed yet, the business dashboard's "outbox
 * backlog". Only aggregate_type 'document': other events have no consumer yet and would make the gauge only grow;</li>
 * <li>{@code kn_indexer_lag_seconds}: the age of the oldest of them (0 when there is none), how far search is behind
 * PostgreSQL;</li>
 * <li>{@code kn_indexer_dead_letters}: the rows set aside because OpenSearch kept refusing their document
 * ({@link DeadLetters}), waiting for an admin.</li>
 * </ul>
 * Counted on a schedule ({@code kn.indexer.backlog-every}), not on every scrape, because a long backlog makes the count
 * a scan; NaN when PostgreSQL did not answer, so a gap shows rather than a stale number. Registered at start: a quiet
 * indexer shows 0.
 */
@Startup
@ApplicationScoped
public class OutboxBacklog {
    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);
    private static final String PENDING = """
            SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)
              FROM outbox_event WHERE processed_at IS NULL AND aggregate_type = 'document'""";
    private static final String DEAD_LETTERS = "SELECT count(*) FROM outbox_dead_letter WHERE aggregate_type = 'document'";

    /** One count: events waiting, the age in seconds of the oldest, and rows set aside. */
    public record Sample(long pending, double lagSeconds, long deadLetters) {
    }

    private final AgroalDataSource dataSource;
    private volatile double pending;
    private volatile double lagSeconds;
    private volatile double deadLetters;

    public OutboxBacklog(AgroalDataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        Gauge.builder("kn.outbox.pending", this, backlog -> backlog.pending)
                .description("Document events in the knowledge database's outbox not yet relayed to the search index")
                .register(meters);
        Gauge.builder("kn.indexer.lag", this, backlog -> backlog.lagSeconds).baseUnit("seconds")
                .description("Age of the oldest document event not yet relayed to the search index (0 when none waits)")
                .register(meters);
        Gauge.builder("kn.indexer.dead.letters", this, backlog -> backlog.deadLetters)
                .description("Outbox rows set aside because OpenSearch kept refusing their document; an admin retries them")
                .register(meters);
    }

    @Scheduled(identity = "outbox-backlog", every = "${kn.indexer.backlog-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sampleOnSchedule() {
        try {
            sample();
        } catch (IllegalStateException e) {
            pending = Double.NaN;
            lagSeconds = Double.NaN;
            deadLetters = Double.NaN;
            LOG.debugf("Outbox backlog not counted: %s", e.getMessage());
        }
    }

    /** Counts now and publishes the counts. */
    public Sample sample() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement countPending = connection.prepareStatement(PENDING);
                PreparedStatement countDead = connection.prepareStatement(DEAD_LETTERS);
                ResultSet waiting = countPending.executeQuery();
                ResultSet dead = countDead.executeQuery()) {
            waiting.next();
            dead.next();
            Sample sample = new Sample(waiting.getLong(1), waiting.getDouble(2), dead.getLong(1));
            pending = sample.pending();
            lagSeconds = sample.lagSeconds();
            deadLetters = sample.deadLetters();
            return sample;
        } catch (SQLException e) {
            throw new IllegalStateException("Counting the outbox backlog failed in PostgreSQL: " + e.getMessage(), e);
        }
    }
}
