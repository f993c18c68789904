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
 * {@code kn_outbox_pending}: the document events of the knowledge database's outbox that the indexer has not
 * relayed yet, the business dashboard's "outbox backlog" (every replica counts the same table, so the panel takes the
 * max). Only aggregate_type 'document': other events have no consumer yet and would make the gauge only grow.
 * Counted on a schedule ({@code kn.indexer.backlog-every}), not on every scrape, because a long backlog makes the count
 * a scan; NaN when PostgreSQL did not answer, so a gap shows rather than a stale number. Registered at start: a quiet
 * indexer shows 0.
 */
@Startup
@ApplicationScoped
public class OutboxBacklog {
    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);
    private static final String PENDING = "SELECT count(*) FROM outbox_event WHERE processed_at IS NULL AND aggregate_type = 'document'";

    private final AgroalDataSource dataSource;
    private volatile double pending;

    public OutboxBacklog(AgroalDataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        Gauge.builder("kn.outbox.pending", this, backlog -> backlog.pending)
                .description("Document events in the knowledge database's outbox not yet relayed to the search index")
                .register(meters);
    }

    @Scheduled(identity = "outbox-backlog", every = "${kn.indexer.backlog-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sampleOnSchedule() {
        try {
            sample();
        } catch (IllegalStateException e) {
            pending = Double.NaN;
            LOG.debugf("Outbox backlog not counted: %s", e.getMessage());
        }
    }

    /** Counts the pending events now and publishes the count. */
    public long sample() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(PENDING);
                ResultSet rs = count.executeQuery()) {
            rs.next();
            long rows = rs.getLong(1);
            pending = rows;
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Counting the outbox backlog failed in PostgreSQL: " + e.getMessage(), e);
        }
    }
}
