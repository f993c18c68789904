package app.knowledgenetwork.searchindexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.searchindexer.OutboxIndexer.Batch;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * Reindexes asked for through knowledge-api's startSearchReindex mutation: the request rows it writes (inserted here
 * exactly as knowledge-api's admin/SearchReindexing does) are picked up, built and reported back on the row.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class ReindexRequestsTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OpenSearchClient client;
    @Inject
    OutboxIndexer indexer;
    @Inject
    Reindex reindex;
    @Inject
    ReindexRequests requests;
    @ConfigProperty(name = "kn.opensearch.index-prefix")
    String indexPrefix;

    private KnowledgeRows rows;
    private IndexedDocuments indexed;

    @BeforeEach
    void drained() throws Exception {
        rows = KnowledgeRows.in(dataSource);
        indexed = new IndexedDocuments(client, DocumentIndex.of(indexPrefix).alias());
        drain();
        rows.sql("UPDATE search_reindex_request SET state = 'FAILED' WHERE state IN ('REQUESTED', 'BUILDING')");
    }

    @AfterEach
    void noHook() {
        reindex.afterEachPage(page -> {
        });
    }

    @Test
    void aRequestedReindexIsBuiltSwitchedAndReportedOnItsRow() throws Exception {
        rows.seeded(30);
        drain();
        long id = request();
        assertEquals("REQUESTED", row(id).get("state"));

        Reindex.Run run = requests.pickUp().orElseThrow();
        assertEquals(Reindex.State.BUILDING, run.state());
        Map<String, Object> row = awaitEnd(id);
        assertEquals("SWITCHED", row.get("state"), row.toString());
        assertEquals(run.index(), row.get("index_name"));
        assertTrue((Long) row.get("documents") >= 30, row.toString());
        assertNull(row.get("error"));
        assertEquals(List.of(run.index()), indexed.targets(), "the alias moved onto the requested build");
        assertEquals(rows.revisions(), indexed.searchableRevisions(rows.workspace));
        assertTrue(requests.pickUp().isEmpty(), "nothing more to do");
    }

    @Test
    void aRequestWhileAReindexRunsIsRefusedOnItsRowAndAnOrphanIsFailed() throws Exception {
        rows.seeded(45);
        drain();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        reindex.afterEachPage(page -> {
            building.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String other = reindex.start("scripts/reindex.sh").orElseThrow().index();
        long refused;
        try {
            assertTrue(building.await(30, TimeUnit.SECONDS));
            refused = request();
            assertTrue(requests.pickUp().isEmpty());
        } finally {
            release.countDown();
        }
        Map<String, Object> row = row(refused);
        assertEquals("FAILED", row.get("state"));
        assertTrue(((String) row.get("error")).contains("a reindex was running already"), row.toString());
        awaitIdle();
        assertEquals(List.of(other), indexed.targets());

        // A BUILDING row no replica builds any more (its pod died): failed, so that it no longer blocks the next request.
        long orphan = request();
        rows.sql("UPDATE search_reindex_request SET state = 'BUILDING', index_name = 'gone' WHERE id = ?", orphan);
        assertTrue(requests.pickUp().isEmpty(), "nothing requested");
        assertEquals("FAILED", row(orphan).get("state"));
        assertTrue(((String) row(orphan).get("error")).contains("stopped before it ended"));
        long next = request();
        assertTrue(requests.pickUp().isPresent(), "the next request is built");
        assertEquals("SWITCHED", awaitEnd(next).get("state"));
    }

    /** As knowledge-api's startSearchReindex writes it. */
    private long request() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO search_reindex_request (requested_by) VALUES (?) RETURNING id")) {
            s.setObject(1, rows.user);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Map<String, Object> row(long id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT state, index_name, documents, error FROM search_reindex_request WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                Map<String, Object> row = new java.util.HashMap<>();
                row.put("state", rs.getString(1));
                row.put("index_name", rs.getString(2));
                row.put("documents", rs.getObject(3));
                row.put("error", rs.getString(4));
                return row;
            }
        }
    }

    private Map<String, Object> awaitEnd(long id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Map<String, Object> row = row(id);
            if (!List.of("REQUESTED", "BUILDING").contains(row.get("state"))) {
                awaitIdle();
                return row;
            }
            assertTrue(Instant.now().isBefore(deadline), "request " + id + " ended within 60 s: " + row);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private void awaitIdle() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (reindex.running()) {
            assertTrue(Instant.now().isBefore(deadline), "the reindex ended within 60 s");
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private void drain() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Batch batch;
        do {
            assertTrue(Instant.now().isBefore(deadline), "the outbox drained within 120 s");
            batch = indexer.runBatch();
        } while (!batch.claimed().isEmpty());
    }

}
