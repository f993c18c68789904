package app.knowledgenetwork.searchindexer;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes outbox rows that were indexed ({@code processed_at}) longer than {@code kn.indexer.outbox.retention} ago, so
 * the outbox does not grow by every change ever made. Rows not processed yet, of any aggregate type, are never touched;
 * nor are dead letters (their own table). A few thousand rows per statement ({@code prune-batch}), by the
 * {@code processed_at} index of knowledge-api's {@code V10__outbox_processed_at.sql}, which the reindex's replay scans too.
 *
 * <p>Skipped while a reindex runs (in any replica): its replay reads the rows processed since its start. The retention is
 * at least an hour for the same reason. Counted in {@code kn_indexer_outbox_pruned_total}.
 */
@Startup
@ApplicationScoped
public class OutboxPruning {
    private static final Logger LOG = Logger.getLogger(OutboxPruning.class);
    static final Duration MIN_RETENTION = Duration.ofHours(1);
    private static final String PRUNE = """
            DELETE FROM outbox_event WHERE id IN (
              SELECT id FROM outbox_event
               WHERE processed_at IS NOT NULL AND processed_at < now() - make_interval(secs => ?)
               ORDER BY processed_at LIMIT ?)""";

    private final AgroalDataSource dataSource;
    private final Reindex reindex;
    private final IndexerConfig.Outbox settings;
    private final Counter pruned;

    public OutboxPruning(AgroalDataSource dataSource, Reindex reindex, IndexerConfig config, MeterRegistry meters) {
        this.settings = config.outbox();
        if (settings.retention().compareTo(MIN_RETENTION) < 0 || settings.pruneBatch() < 1) {
            throw new IllegalArgumentException("kn.indexer.outbox.retention (OUTBOX_RETENTION) must be at least " + MIN_RETENTION.toHours()
                    + "h, since a reindex replays the rows processed since its start, was " + settings.retention()
                    + "; kn.indexer.outbox.prune-batch at least 1");
        }
        this.dataSource = dataSource;
        this.reindex = reindex;
        this.pruned = Counter.builder("kn.indexer.outbox.pruned")
                .description("Outbox rows deleted because they were indexed longer than the retention ago").register(meters);
    }

    @Scheduled(identity = "outbox-pruning", every = "${kn.indexer.outbox.prune-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneOnSchedule() {
        try {
            prune();
        } catch (IllegalStateException e) {
            LOG.warnf("Outbox not pruned this time: %s", e.getMessage());
        }
    }

    /**
     * Deletes the rows processed longer than the retention ago, batch after batch.
     *
     * @return rows deleted; -1 when skipped because a reindex runs
     */
    public long prune() {
        if (reindex.running()) {
            LOG.debug("Outbox pruning skipped: a reindex runs and replays the rows processed since its start");
            return -1;
        }
        long total = 0;
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(PRUNE)) {
            delete.setDouble(1, settings.retention().toMillis() / 1000.0);
            delete.setInt(2, settings.pruneBatch());
            int deleted;
            do {
                deleted = delete.executeUpdate();
                total += deleted;
                pruned.increment(deleted);
            } while (deleted == settings.pruneBatch());
        } catch (SQLException e) {
            throw new IllegalStateException("Pruning the outbox failed in PostgreSQL after " + total + " rows: " + e.getMessage(), e);
        }
        if (total > 0) {
            LOG.infof("Pruned %d outbox rows indexed more than %s ago", total, settings.retention());
        }
        return total;
    }
}
