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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.GetResponse;

/**
 * The indexer against real PostgreSQL (knowledge-api's schema) and OpenSearch. Rows are written as knowledge-api
 * writes them: the document row, then its outbox_event in the same transaction. The schedule is off in tests; each
 * test runs batches itself.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class OutboxIndexerTest {
    private static boolean migrated;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OpenSearchClient client;
    @Inject
    OutboxIndexer indexer;
    @Inject
    OutboxBacklog backlog;
    @ConfigProperty(name = "kn.opensearch.index-prefix")
    String indexPrefix;
    @ConfigProperty(name = "kn.indexer.batch-size")
    int batchSize;

    private UUID user;
    private UUID workspace;

    @BeforeEach
    void knowledgeDatabase() throws SQLException {
        synchronized (OutboxIndexerTest.class) {
            if (!migrated) {
                KnowledgeSchema.migrate(dataSource);
                migrated = true;
            }
        }
        // Whatever an earlier test left is indexed first, so each test sees only its own rows.
        Batch leftover;
        do {
            leftover = indexer.runBatch();
        } while (!leftover.processed().isEmpty());
        user = UUID.randomUUID();
        workspace = UUID.randomUUID();
        sql("INSERT INTO app_user (id, email, display_name, password_hash) VALUES (?, ?, 'Indexer test', 'x')", user, user + "@example.org");
        sql("INSERT INTO workspace (id, name, created_at, updated_at) VALUES (?, 'Indexed', now(), now())", workspace);
    }

    @Test
    void theIndexIsCreatedAtStartBehindTheAlias() throws IOException {
        DocumentIndex index = DocumentIndex.of(indexPrefix);
        assertTrue(client.indices().existsAlias(r -> r.name(index.alias())).value());
        var mapping = client.indices().getMapping(r -> r.index(index.alias())).result().get(index.index());
        assertNotNull(mapping, "the alias points at " + index.index());
        assertEquals(Set.of("id", "workspaceId", "title", "content", "tags", "status", "revision", "updatedAt", "authorId"),
                mapping.mappings().properties().keySet());
    }

    @Test
    void theBacklogGaugeCountsTheDocumentEventsNotYetIndexed() throws Exception {
        UUID euler = document("Euler", "", 2, false, false);
        event(euler, "DocumentCreated", 1);
        event(euler, "DocumentUpdated", 2);
        sql("INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload) VALUES ('workspace', ?, 'WorkspaceRenamed', 1, '{}')",
                workspace);

        assertEquals(2, backlog.sample(), "document events only: nothing relays the others yet");
        assertEquals(2, metric("kn_outbox_pending"));

        indexer.runBatch();
        assertEquals(0, backlog.sample());
        assertEquals(0, metric("kn_outbox_pending"));
    }

    @Test
    void newDocumentsGetIndexedAndTheirRowsProcessed() throws Exception {
        double indexedBefore = metric("kn_indexer_indexed_total");
        UUID euler = document("Euler", "See [[Graph Theory]].", 1, false, false, "math", "history");
        long first = event(euler, "DocumentCreated", 1);
        UUID draft = document("Draft", "Not ready.", 1, true, false);
        long second = event(draft, "DocumentCreated", 1);

        Batch batch = indexer.runBatch();
        assertEquals(List.of(first, second), batch.claimed());
        assertEquals(List.of(first, second), batch.processed());
        assertTrue(processed(first) && processed(second));

        GetResponse<DocumentIndexEntry> got = get(euler);
        assertTrue(got.found());
        assertEquals(1L, got.version(), "the external version is the revision");
        DocumentIndexEntry entry = got.source();
        assertEquals("Euler", entry.title());
        assertEquals("See [[Graph Theory]].", entry.content(), "the content comes from the document row");
        assertEquals(List.of("math", "history"), entry.tags());
        assertEquals(workspace.toString(), entry.workspaceId());
        assertEquals(user.toString(), entry.authorId());
        assertEquals("ACTIVE", entry.status());
        assertEquals(1, entry.revision());
        assertNotNull(Instant.parse(entry.updatedAt()));
        assertEquals("ARCHIVED", get(draft).source().status());
        assertEquals(indexedBefore + 2, metric("kn_indexer_indexed_total"));
        assertTrue(indexer.runBatch().claimed().isEmpty(), "nothing left");
    }

    @Test
    void severalRowsOfOneDocumentBecomeItsLatestState() throws Exception {
        UUID doc = document("Plan", "v1", 1, false, false);
        long created = event(doc, "DocumentCreated", 1);
        update(doc, "Plan", "v3", 3, false, false);
        long updated = event(doc, "DocumentUpdated", 2);
        long again = event(doc, "DocumentUpdated", 3);

        assertEquals(List.of(created, updated, again), indexer.runBatch().processed());
        assertEquals("v3", get(doc).source().content());
        assertEquals(3L, get(doc).version());
    }

    @Test
    void anOlderRevisionArrivingAfterANewerOneDoesNotOverwriteIt() throws Exception {
        double failuresBefore = metric("kn_indexer_failures_total");
        UUID doc = document("Plan", "second draft", 2, false, false);
        event(doc, "DocumentUpdated", 2);
        indexer.runBatch();
        assertEquals(2L, get(doc).version());

        // Another replica read the row while it was at revision 1 and only sends it now.
        update(doc, "Plan", "first draft", 1, false, false);
        long late = event(doc, "DocumentCreated", 1);
        Batch batch = indexer.runBatch();

        assertEquals(List.of(late), batch.processed(), "a version conflict counts as done");
        assertTrue(processed(late));
        assertEquals("second draft", get(doc).source().content());
        assertEquals(2L, get(doc).version());
        assertEquals(failuresBefore, metric("kn_indexer_failures_total"), "a conflict is no failure");
    }

    @Test
    void aPurgedDocumentIsRemoved() throws Exception {
        UUID doc = document("Old", "to be purged", 2, false, true);
        event(doc, "DocumentTrashed", 2);
        indexer.runBatch();
        assertEquals("TRASHED", get(doc).source().status());

        // knowledge-api's purge: the purge event (revision + 1) and the row deleted, in one transaction.
        long purge = event(doc, "DocumentPurged", 3);
        sql("DELETE FROM document WHERE id = ?", doc);
        assertEquals(List.of(purge), indexer.runBatch().processed());
        assertFalse(get(doc).found());
    }

    @Test
    void twoBatchesAtOnceNeverClaimTheSameRow() throws Exception {
        List<Long> rows = new ArrayList<>();
        List<UUID> docs = new ArrayList<>();
        for (int i = 0; i < batchSize + 3; i++) {
            UUID doc = document("Parallel " + i, "text " + i, 1, false, false);
            docs.add(doc);
            rows.add(event(doc, "DocumentCreated", 1));
        }
        double indexedBefore = metric("kn_indexer_indexed_total");
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

        assertEquals(rows.subList(0, batchSize), one.claimed(), "the first takes the oldest rows, in id order");
        assertEquals(rows.subList(batchSize, rows.size()), second.claimed(), "the second skips the locked ones");
        Set<Long> both = new HashSet<>(one.processed());
        second.processed().forEach(id -> assertTrue(both.add(id), "row " + id + " processed twice"));
        assertEquals(Set.copyOf(rows), both);
        assertEquals(indexedBefore + rows.size(), metric("kn_indexer_indexed_total"), "each document indexed once");
        for (UUID doc : docs) {
            assertEquals(1L, get(doc).version(), "written once");
        }
    }

    @Test
    void aFailedItemLeavesItsRowForTheNextBatch() throws Exception {
        DocumentIndex index = DocumentIndex.of(indexPrefix);
        UUID doc = document("Blocked", "the index refuses writes for a while", 1, false, false);
        long row = event(doc, "DocumentCreated", 1);
        double failuresBefore = metric("kn_indexer_failures_total");
        client.indices().putSettings(r -> r.index(index.index()).settings(s -> s.blocksWrite(true)));
        Batch refused;
        try {
            refused = indexer.runBatch();
        } finally {
            client.indices().putSettings(r -> r.index(index.index()).settings(s -> s.blocksWrite(false)));
        }
        assertEquals(List.of(row), refused.claimed());
        assertEquals(List.of(), refused.processed());
        assertFalse(processed(row));
        assertEquals(failuresBefore + 1, metric("kn_indexer_failures_total"));

        assertEquals(List.of(row), indexer.runBatch().processed(), "retried by the next batch");
        assertTrue(get(doc).found());
    }

    // --- helpers

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

    private GetResponse<DocumentIndexEntry> get(UUID id) throws IOException {
        // A get is real time: no refresh needed.
        return client.get(r -> r.index(DocumentIndex.of(indexPrefix).alias()).id(id.toString()), DocumentIndexEntry.class);
    }

    private UUID document(String title, String content, long revision, boolean archived, boolean trashed, String... tags) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO document (id, workspace_id, title, content, tags, revision, archived, trashed_at, created_by, updated_by, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())""")) {
            s.setObject(1, id);
            s.setObject(2, workspace);
            s.setString(3, title);
            s.setString(4, content);
            s.setArray(5, c.createArrayOf("text", tags));
            s.setLong(6, revision);
            s.setBoolean(7, archived);
            s.setTimestamp(8, trashed ? Timestamp.from(Instant.now()) : null);
            s.setObject(9, user);
            s.setObject(10, user);
            s.executeUpdate();
        }
        return id;
    }

    private void update(UUID id, String title, String content, long revision, boolean archived, boolean trashed) throws SQLException {
        sql("UPDATE document SET title = ?, content = ?, revision = ?, archived = ?, trashed_at = ?, updated_at = now() WHERE id = ?",
                title, content, revision, archived, trashed ? Timestamp.from(Instant.now()) : null, id);
    }

    /** An outbox row as knowledge-api writes it (the payload has no content). */
    private long event(UUID document, String type, long revision) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload)
                        VALUES ('document', ?, ?, ?, jsonb_build_object('id', ?::text, 'revision', ?)) RETURNING id""")) {
            s.setObject(1, document);
            s.setString(2, type);
            s.setLong(3, revision);
            s.setObject(4, document.toString());
            s.setLong(5, revision);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean processed(long row) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT processed_at FROM outbox_event WHERE id = ?")) {
            s.setLong(1, row);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getTimestamp(1) != null;
            }
        }
    }

    private void sql(String statement, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
