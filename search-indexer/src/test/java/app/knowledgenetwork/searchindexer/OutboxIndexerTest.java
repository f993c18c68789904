package app.knowledgenetwork.searchindexer;

import static app.knowledgenetwork.testsupport.ManagementInterface.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.common.search.DocumentIndexEntry;
import app.knowledgenetwork.searchindexer.OutboxIndexer.Batch;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.transport.Endpoint;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.TransportOptions;

/**
 * The indexer against real PostgreSQL (knowledge-api's schema) and OpenSearch. Rows are written as knowledge-api
 * writes them: the document row, then its outbox_event in the same transaction. The schedule is off in tests; each
 * test runs batches itself.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class OutboxIndexerTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OpenSearchClient client;
    @Inject
    OutboxIndexer indexer;
    @Inject
    OutboxBacklog backlog;
    @Inject
    SearchIndex searchIndex;
    @Inject
    Reindex reindex;
    @Inject
    DeadLetters deadLetters;
    @Inject
    IndexerConfig config;
    @ConfigProperty(name = "kn.opensearch.index-prefix")
    String indexPrefix;
    @ConfigProperty(name = "kn.indexer.batch-size")
    int batchSize;
    @ConfigProperty(name = "kn.indexer.max-attempts")
    int maxAttempts;
    @ConfigProperty(name = "kn.indexer.refresh-interval")
    String refreshInterval;
    @ConfigProperty(name = "kn.indexer.in-flight")
    int inFlight;
    @ConfigProperty(name = "kn.indexer.max-batches-per-run")
    int maxBatchesPerRun;

    private KnowledgeRows rows;
    private IndexedDocuments indexed;

    @BeforeEach
    void knowledgeDatabase() throws SQLException {
        rows = KnowledgeRows.in(dataSource);
        indexed = new IndexedDocuments(client, DocumentIndex.of(indexPrefix).alias());
        // Whatever an earlier test left is indexed first, so each test sees only its own rows.
        Batch leftover;
        do {
            leftover = indexer.runBatch();
        } while (!leftover.processed().isEmpty());
    }

    @Test
    void theIndexIsCreatedAtStartBehindTheAlias() throws IOException {
        DocumentIndex index = DocumentIndex.of(indexPrefix);
        assertTrue(client.indices().existsAlias(r -> r.name(index.alias())).value());
        List<String> targets = indexed.targets();
        assertEquals(1, targets.size(), "the alias points at one index");
        assertEquals(DocumentIndex.VERSION, index.versionOf(targets.getFirst()).orElseThrow(), "of the current mapping version: " + targets);
        var mapping = client.indices().getMapping(r -> r.index(index.alias())).result().get(targets.getFirst());
        assertNotNull(mapping);
        assertEquals(Set.of("id", "workspaceId", "title", "content", "tags", "status", "revision", "updatedAt", "authorId"),
                mapping.mappings().properties().keySet());
        assertEquals(Map.of("index.refresh_interval", refreshInterval, "index.merge_on_flush.enabled", "false"), indexed.refreshSettings(),
                "refreshed at the configured interval, never waiting for merges");
    }

    @Test
    void theBacklogGaugesCountTheDocumentEventsNotYetIndexedAndTheAgeOfTheOldest() throws Exception {
        UUID euler = rows.document("Euler", "", 2, false, false);
        rows.event(euler, "DocumentCreated", 1);
        long late = rows.event(euler, "DocumentUpdated", 2);
        rows.sql("UPDATE outbox_event SET created_at = now() - interval '42 seconds' WHERE id = ?", late);
        rows.sql("INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload, created_at) "
                + "VALUES ('workspace', ?, 'WorkspaceRenamed', 1, '{}', now() - interval '1 hour')", rows.workspace);

        OutboxBacklog.Sample sample = backlog.sample();
        assertEquals(2, sample.pending(), "document events only: nothing relays the others yet");
        assertEquals(2, metric("kn_outbox_pending"));
        assertTrue(sample.lagSeconds() >= 42 && sample.lagSeconds() < 600, "the oldest waits 42 s: " + sample.lagSeconds());
        assertTrue(metric("kn_indexer_lag_seconds") >= 42);

        indexer.runBatch();
        assertEquals(0, backlog.sample().pending());
        assertEquals(0, metric("kn_outbox_pending"));
        assertEquals(0, metric("kn_indexer_lag_seconds"), "nothing waits: no lag");
    }

    @Test
    void newDocumentsGetIndexedAndTheirRowsProcessed() throws Exception {
        double indexedBefore = metric("kn_indexer_documents_indexed_total");
        UUID euler = rows.document("Euler", "See [[Graph Theory]].", 1, false, false, "math", "history");
        long first = rows.event(euler, "DocumentCreated", 1);
        UUID draft = rows.document("Draft", "Not ready.", 1, true, false);
        long second = rows.event(draft, "DocumentCreated", 1);

        Batch batch = indexer.runBatch();
        assertEquals(List.of(first, second), batch.claimed());
        assertEquals(List.of(first, second), batch.processed());
        assertTrue(rows.processed(first) && rows.processed(second));

        GetResponse<DocumentIndexEntry> got = indexed.get(euler);
        assertTrue(got.found());
        assertEquals(1L, got.version(), "the external version is the revision");
        DocumentIndexEntry entry = got.source();
        assertEquals("Euler", entry.title());
        assertEquals("See [[Graph Theory]].", entry.content(), "the content comes from the document row");
        assertEquals(List.of("math", "history"), entry.tags());
        assertEquals(rows.workspace.toString(), entry.workspaceId());
        assertEquals(rows.user.toString(), entry.authorId());
        assertEquals("ACTIVE", entry.status());
        assertEquals(1, entry.revision());
        assertNotNull(Instant.parse(entry.updatedAt()));
        assertEquals("ARCHIVED", indexed.get(draft).source().status());
        assertEquals(indexedBefore + 2, metric("kn_indexer_documents_indexed_total"));
        assertTrue(indexer.runBatch().claimed().isEmpty(), "nothing left");
    }

    @Test
    void severalRowsOfOneDocumentBecomeItsLatestState() throws Exception {
        UUID doc = rows.document("Plan", "v1", 1, false, false);
        long created = rows.event(doc, "DocumentCreated", 1);
        rows.update(doc, "Plan", "v3", 3, false, false);
        long updated = rows.event(doc, "DocumentUpdated", 2);
        long again = rows.event(doc, "DocumentUpdated", 3);

        assertEquals(List.of(created, updated, again), indexer.runBatch().processed());
        assertEquals("v3", indexed.get(doc).source().content());
        assertEquals(3L, indexed.get(doc).version());
    }

    @Test
    void anOlderRevisionArrivingAfterANewerOneDoesNotOverwriteIt() throws Exception {
        double failuresBefore = metric("kn_indexer_failures_total");
        UUID doc = rows.document("Plan", "second draft", 2, false, false);
        rows.event(doc, "DocumentUpdated", 2);
        indexer.runBatch();
        assertEquals(2L, indexed.get(doc).version());

        // Another replica read the row while it was at revision 1 and only sends it now.
        rows.update(doc, "Plan", "first draft", 1, false, false);
        long late = rows.event(doc, "DocumentCreated", 1);
        Batch batch = indexer.runBatch();

        assertEquals(List.of(late), batch.processed(), "a version conflict counts as done");
        assertTrue(rows.processed(late));
        assertEquals("second draft", indexed.get(doc).source().content());
        assertEquals(2L, indexed.get(doc).version());
        assertEquals(failuresBefore, metric("kn_indexer_failures_total"), "a conflict is no failure");
    }

    @Test
    void aPurgedDocumentIsRemoved() throws Exception {
        UUID doc = rows.document("Old", "to be purged", 2, false, true);
        rows.event(doc, "DocumentTrashed", 2);
        indexer.runBatch();
        assertEquals("TRASHED", indexed.get(doc).source().status());

        // knowledge-api's purge: the purge event (revision + 1) and the row deleted, in one transaction.
        long purge = rows.event(doc, "DocumentPurged", 3);
        rows.sql("DELETE FROM document WHERE id = ?", doc);
        assertEquals(List.of(purge), indexer.runBatch().processed());
        assertFalse(indexed.get(doc).found());
    }

    @Test
    void aDrainIndexesAFullOutboxWithBatchesInFlightAtOnceAndGoesOnUntilItIsEmpty() throws Exception {
        // More rows than one look takes (in-flight + 1 loops of max-batches-per-run batches each): the drain goes on by
        // itself rather than leaving the rest to the next scheduled run.
        List<UUID> docs = created("Drained", (inFlight + 1) * maxBatchesPerRun * batchSize + batchSize + 2);
        indexer.drain();

        assertDrained(docs);
    }

    @Test
    void aFullOutboxHasInFlightBulksAtOpenSearchAtOnceAndNeverMore() throws Exception {
        // in-flight + 1 loops drain it, each with a batch ready; each _bulk is held a moment on its way (as a busy
        // OpenSearch holds it), so their requests would overlap beyond the permits if nothing bounded them.
        List<UUID> docs = created("Bounded", 4 * (inFlight + 1) * batchSize);
        BulksAtOnce bulks = new BulksAtOnce(client._transport(), 100);
        OutboxIndexer slowOpenSearch = new OutboxIndexer(dataSource, new OpenSearchClient(bulks), searchIndex, reindex, deadLetters, config,
                new SimpleMeterRegistry());
        try {
            slowOpenSearch.drain();
        } finally {
            slowOpenSearch.stop();
        }

        assertEquals(inFlight, bulks.most.get(), "kn.indexer.in-flight bulks at OpenSearch at once, no more");
        assertDrained(docs);
    }

    /** {@code count} new documents titled {@code title} and a number, each with its outbox row, as knowledge-api writes them. */
    private List<UUID> created(String title, int count) throws SQLException {
        List<UUID> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID doc = rows.document(title + " " + i, "text " + i, 1, false, false);
            docs.add(doc);
            rows.event(doc, "DocumentCreated", 1);
        }
        return docs;
    }

    /** The drain just run left the outbox empty and made every one of {@code docs} searchable. */
    private void assertDrained(List<UUID> docs) throws Exception {
        assertEquals(0L, rows.count("SELECT count(*) FROM outbox_event WHERE processed_at IS NULL AND aggregate_type = 'document'"),
                "the outbox is empty after one drain");
        assertEquals(new HashSet<>(docs), indexed.searchableRevisions(rows.workspace).keySet(), "every document is searchable");
    }

    /** The app's transport, counting the _bulk requests under way at once; each is held {@code holdMillis} before it goes. */
    private static final class BulksAtOnce implements OpenSearchTransport {
        private final OpenSearchTransport real;
        private final long holdMillis;
        private final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        BulksAtOnce(OpenSearchTransport real, long holdMillis) {
            this.real = real;
            this.holdMillis = holdMillis;
        }

        @Override
        public <Q, R, E> R performRequest(Q request, Endpoint<Q, R, E> endpoint, TransportOptions options) throws IOException {
            if (!(request instanceof BulkRequest)) {
                return real.performRequest(request, endpoint, options);
            }
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(holdMillis);
                return real.performRequest(request, endpoint, options);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                now.decrementAndGet();
            }
        }

        @Override
        public <Q, R, E> CompletableFuture<R> performRequestAsync(Q request, Endpoint<Q, R, E> endpoint, TransportOptions options) {
            return real.performRequestAsync(request, endpoint, options);
        }

        @Override
        public JsonpMapper jsonpMapper() {
            return real.jsonpMapper();
        }

        @Override
        public TransportOptions options() {
            return real.options();
        }

        @Override
        public void close() {
            // The app's transport: the app closes it.
        }
    }

    /**
     * An outbox whose statistics lag a burst (here never analysed, as in a new or restored database) made the planner
     * read every pending row and sort them for each claim: a drain of 100,000 rows got quadratic. The claim reads about
     * the rows it takes; counted by PostgreSQL's own statistics of the transaction, in a copy of the outbox table.
     */
    @Test
    void aClaimReadsAboutTheRowsItTakesHoweverManyArePendingAndWhateverTheTableStatisticsSay() throws SQLException {
        String schema = "claim_plan_" + Long.toHexString(System.nanoTime());
        int pending = 5000;
        int limit = 200;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            try {
                s.execute("CREATE TABLE " + schema + ".outbox_event (LIKE public.outbox_event INCLUDING ALL) WITH (autovacuum_enabled = false)");
                s.execute("INSERT INTO " + schema + ".outbox_event (aggregate_type, aggregate_id, event_type, revision, payload)"
                        + " SELECT 'document', gen_random_uuid(), 'DocumentCreated', 1, '{}' FROM generate_series(1, " + pending + ")");
                List<Long> oldest = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT id FROM " + schema + ".outbox_event ORDER BY id LIMIT " + limit)) {
                    while (rs.next()) {
                        oldest.add(rs.getLong(1));
                    }
                }

                c.setAutoCommit(false);
                List<Long> claimed;
                long read;
                try {
                    s.execute("SET LOCAL search_path = " + schema + ", public");
                    claimed = OutboxIndexer.claim(c, limit).stream().map(OutboxIndexer.Event::id).toList();
                    try (ResultSet rs = s.executeQuery("SELECT coalesce(idx_tup_fetch, 0) + seq_tup_read FROM pg_stat_xact_user_tables"
                            + " WHERE schemaname = '" + schema + "' AND relname = 'outbox_event'")) {
                        assertTrue(rs.next(), "statistics of the copy");
                        read = rs.getLong(1);
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }

                assertEquals(oldest, claimed, "the oldest rows, in id order");
                assertTrue(read <= 2L * limit, "the claim of " + limit + " rows read " + read + " of the " + pending + " pending");
            } finally {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void twoBatchesAtOnceNeverClaimTheSameRow() throws Exception {
        List<Long> events = new ArrayList<>();
        List<UUID> docs = new ArrayList<>();
        for (int i = 0; i < batchSize + 3; i++) {
            UUID doc = rows.document("Parallel " + i, "text " + i, 1, false, false);
            docs.add(doc);
            events.add(rows.event(doc, "DocumentCreated", 1));
        }
        double indexedBefore = metric("kn_indexer_documents_indexed_total");
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        // The first batch holds its rows locked until the second one has finished.
        CompletableFuture<Batch> first = CompletableFuture.supplyAsync(() -> indexer.runBatch(() -> {
            claimed.countDown();
            await(secondDone);
        }));
        assertTrue(claimed.await(30, TimeUnit.SECONDS), "the first batch claimed its rows");
        Batch second;
        try {
            second = indexer.runBatch();
        } finally {
            secondDone.countDown();
        }
        Batch one = first.get(30, TimeUnit.SECONDS);

        assertEquals(events.subList(0, batchSize), one.claimed(), "the first takes the oldest rows, in id order");
        assertEquals(events.subList(batchSize, events.size()), second.claimed(), "the second skips the locked ones");
        Set<Long> both = new HashSet<>(one.processed());
        second.processed().forEach(id -> assertTrue(both.add(id), "row " + id + " processed twice"));
        assertEquals(Set.copyOf(events), both);
        assertEquals(indexedBefore + events.size(), metric("kn_indexer_documents_indexed_total"), "each document indexed once");
        for (UUID doc : docs) {
            assertEquals(1L, indexed.get(doc).version(), "written once");
        }
    }

    @Test
    void aRowTheClusterCannotTakeNowStaysForTheNextBatchHoweverOftenItFails() throws Exception {
        String behindAlias = indexed.targets().getFirst();
        UUID doc = rows.document("Blocked", "the index refuses writes for a while", 1, false, false);
        long row = rows.event(doc, "DocumentCreated", 1);
        double failuresBefore = metric("kn_indexer_failures_total");
        client.indices().putSettings(r -> r.index(behindAlias).settings(s -> s.blocksWrite(true)));
        try {
            // More batches than a refused document gets attempts: a read-only index is the cluster's state, not the row's fault.
            for (int i = 0; i <= maxAttempts; i++) {
                Batch refused = indexer.runBatch();
                assertEquals(List.of(row), refused.claimed());
                assertEquals(List.of(), refused.processed());
                assertEquals(List.of(), refused.setAside());
            }
        } finally {
            client.indices().putSettings(r -> r.index(behindAlias).settings(s -> s.blocksWrite(false)));
        }
        assertFalse(rows.processed(row));
        assertEquals(0, rows.count("SELECT attempts FROM outbox_event WHERE id = ?", row), "no attempt counted");
        assertEquals(failuresBefore + maxAttempts + 1, metric("kn_indexer_failures_total"));

        assertEquals(List.of(row), indexer.runBatch().processed(), "retried by the next batch");
        assertTrue(indexed.get(doc).found());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
