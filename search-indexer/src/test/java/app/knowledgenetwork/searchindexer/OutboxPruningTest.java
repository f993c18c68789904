package app.knowledgenetwork.searchindexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Outbox housekeeping against real PostgreSQL: what is deleted, what stays, what is counted, and by which index. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class OutboxPruningTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OutboxPruning pruning;
    @Inject
    MeterRegistry meters;

    @Test
    void rowsIndexedLongerThanTheRetentionAgoAreDeletedAndCountedTheRestStay() throws Exception {
        KnowledgeRows rows = KnowledgeRows.in(dataSource);
        UUID document = rows.created("Pruned");
        long oldProcessed = rows.event(document, "DocumentUpdated", 2);
        long otherOldProcessed = rows.event(document, "DocumentUpdated", 3);
        long recentProcessed = rows.event(document, "DocumentUpdated", 4);
        long oldPending = rows.event(document, "DocumentUpdated", 5);
        rows.sql("UPDATE outbox_event SET created_at = now() - interval '9 days', processed_at = now() - interval '8 days' WHERE id IN (?, ?)",
                oldProcessed, otherOldProcessed);
        rows.sql("UPDATE outbox_event SET created_at = now() - interval '9 days', processed_at = now() - interval '6 days' WHERE id = ?", recentProcessed);
        rows.sql("UPDATE outbox_event SET created_at = now() - interval '9 days' WHERE id = ?", oldPending);
        double before = pruned();

        long deleted = pruning.prune();

        assertTrue(deleted >= 2, "at least the two rows processed 8 days ago (7 days retention): " + deleted);
        assertFalse(exists(rows, oldProcessed));
        assertFalse(exists(rows, otherOldProcessed));
        assertTrue(exists(rows, recentProcessed), "processed 6 days ago: within the retention");
        assertTrue(exists(rows, oldPending), "never indexed: however old, it stays until it is");
        assertFalse(rows.processed(oldPending));
        assertEquals(before + deleted, pruned(), "kn_indexer_outbox_pruned_total counts what was deleted");
        assertEquals(0, pruning.prune(), "nothing left to prune");
    }

    /** The replay of a reindex and the pruning scan by processed_at: with V10's index, not through the whole outbox. */
    @Test
    void theScansByProcessedAtUseTheirIndex() throws Exception {
        KnowledgeRows.in(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // The test database is small: tell the planner a sequential scan is out of the question whenever there is another way.
            s.execute("SET LOCAL enable_seqscan = off");
            for (String query : new String[] {
                    "SELECT aggregate_id, max(revision) FROM outbox_event WHERE aggregate_type = 'document' AND processed_at >= now() - interval '1 minute' GROUP BY aggregate_id",
                    "SELECT id FROM outbox_event WHERE processed_at IS NOT NULL AND processed_at < now() - interval '7 days' ORDER BY processed_at LIMIT 5000" }) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("outbox_event_processed_at"), query + "\n" + plan);
                assertFalse(plan.toString().contains("Seq Scan"), plan.toString());
            }
            c.rollback();
        }
    }

    private double pruned() {
        return meters.get("kn.indexer.outbox.pruned").counter().count();
    }

    private static boolean exists(KnowledgeRows rows, long id) throws Exception {
        return rows.count("SELECT count(*) FROM outbox_event WHERE id = ?", id) == 1;
    }
}
