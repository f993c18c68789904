package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.common.search.DocumentIndexEntry;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/**
 * Drains the outbox of the knowledge database into the search index, one batch per transaction:
 * <ol>
 * <li>claim the oldest unprocessed rows of aggregate_type 'document' ({@code FOR UPDATE SKIP LOCKED}: replicas,
 * and overlapping runs, never share a row);</li>
 * <li>read each document's current row (the outbox payload has no content; several rows of one document become one
 * entry, its latest state);</li>
 * <li>send one _bulk: index with {@code version = revision, version_type = external}, so an older revision never
 * overwrites a newer one (a version conflict means a newer one is there already: done), delete a purged document
 * (with the purge's revision, one above its last);</li>
 * <li>mark processed, in the same transaction and only after the bulk answered, the rows whose item succeeded. A row
 * whose item failed stays for the next batch (logged, {@code kn_indexer_failures_total}); if the bulk fails as a
 * whole the transaction rolls back and every row stays.</li>
 * </ol>
 */
@ApplicationScoped
public class OutboxIndexer {
    private static final Logger LOG = Logger.getLogger(OutboxIndexer.class);
    private static final String CLAIM = """
            SELECT id, aggregate_id, revision FROM outbox_event
             WHERE processed_at IS NULL AND aggregate_type = 'document'
             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String DOCUMENTS = """
            SELECT id, workspace_id, title, content, tags, revision, archived, trashed_at, updated_at, created_by
              FROM document WHERE id = ANY (?)""";
    private static final String PROCESSED = "UPDATE outbox_event SET processed_at = now() WHERE id = ANY (?)";

    private final AgroalDataSource dataSource;
    private final OpenSearchClient client;
    private final SearchIndex index;
    private final IndexerConfig config;
    private final Counter indexed;
    private final Counter failures;

    public OutboxIndexer(AgroalDataSource dataSource, OpenSearchClient client, SearchIndex index, IndexerConfig config, MeterRegistry meters) {
        if (config.batchSize() < 1 || config.maxBatchesPerRun() < 1) {
            throw new IllegalArgumentException("kn.indexer.batch-size and kn.indexer.max-batches-per-run must be at least 1");
        }
        this.dataSource = dataSource;
        this.client = client;
        this.index = index;
        this.config = config;
        this.indexed = meters.counter("kn.indexer.indexed");
        this.failures = meters.counter("kn.indexer.failures");
    }

    /** What one batch did: the outbox rows it claimed, and those it marked processed. */
    public record Batch(List<Long> claimed, List<Long> processed) {
        static final Batch NONE = new Batch(List.of(), List.of());
    }

    private record Event(long id, UUID documentId, long revision) {
    }

    @Scheduled(identity = "outbox-indexer", every = "${kn.indexer.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drain() {
        try {
            for (int i = 0; i < config.maxBatchesPerRun(); i++) {
                Batch batch = runBatch();
                if (batch.claimed().size() < config.batchSize() || batch.processed().size() < batch.claimed().size()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox batch failed, trying again on the next run: %s", e.toString());
        }
    }

    public Batch runBatch() {
        return runBatch(() -> {
        });
    }

    /** {@code afterClaim} runs while the claimed rows are locked (tests use it to overlap two batches). */
    Batch runBatch(Runnable afterClaim) {
        if (!index.ensure()) {
            return Batch.NONE;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Batch batch = process(connection, afterClaim);
                connection.commit();
                return batch;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Outbox batch failed in PostgreSQL: " + e.getMessage(), e);
        }
    }

    private Batch process(Connection connection, Runnable afterClaim) throws SQLException {
        List<Event> events = claim(connection);
        afterClaim.run();
        if (events.isEmpty()) {
            return Batch.NONE;
        }
        List<Long> claimed = events.stream().map(Event::id).toList();
        Map<UUID, List<Event>> byDocument = new LinkedHashMap<>();
        events.forEach(e -> byDocument.computeIfAbsent(e.documentId(), id -> new ArrayList<>()).add(e));
        List<UUID> documents = List.copyOf(byDocument.keySet());
        Map<UUID, DocumentIndexEntry> current = load(connection, documents);

        List<BulkOperation> operations = new ArrayList<>();
        for (UUID id : documents) {
            DocumentIndexEntry entry = current.get(id);
            if (entry != null) {
                operations.add(BulkOperation.of(b -> b.index(i -> i.id(entry.id()).document(entry)
                        .version(entry.revision()).versionType(VersionType.External))));
            } else {
                long purgedAt = byDocument.get(id).stream().mapToLong(Event::revision).max().orElseThrow();
                operations.add(BulkOperation.of(b -> b.delete(d -> d.id(id.toString()).version(purgedAt).versionType(VersionType.External))));
            }
        }

        BulkResponse response;
        try {
            // requireAlias: never let a write auto-create an index without the mapping.
            response = client.bulk(b -> b.index(index.index().alias()).requireAlias(true).operations(operations));
        } catch (IOException | OpenSearchException e) {
            failures.increment(documents.size());
            LOG.warnf("Bulk of %d documents failed, their %d outbox rows stay for the next batch: %s", documents.size(), claimed.size(), e.toString());
            connection.rollback();
            return new Batch(claimed, List.of());
        }

        List<Long> processed = new ArrayList<>();
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < documents.size(); i++) {
            UUID id = documents.get(i);
            BulkResponseItem item = items.get(i);
            if (item.error() == null) {
                indexed.increment();
            } else if (!"version_conflict_engine_exception".equals(item.error().type())) {
                failures.increment();
                LOG.warnf("Indexing document %s failed (%d %s: %s); its outbox rows stay for the next batch", id, item.status(), item.error().type(),
                        item.error().reason());
                continue;
            }
            // Applied, or a version conflict: the index has this revision or a newer one already.
            byDocument.get(id).forEach(e -> processed.add(e.id()));
        }
        if (!processed.isEmpty()) {
            try (PreparedStatement done = connection.prepareStatement(PROCESSED)) {
                done.setArray(1, connection.createArrayOf("bigint", processed.toArray()));
                done.executeUpdate();
            }
        }
        return new Batch(claimed, processed);
    }

    private List<Event> claim(Connection connection) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setInt(1, config.batchSize());
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3)));
                }
            }
        }
        return events;
    }

    private static Map<UUID, DocumentIndexEntry> load(Connection connection, List<UUID> ids) throws SQLException {
        Map<UUID, DocumentIndexEntry> rows = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(DOCUMENTS)) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    Array tags = rs.getArray("tags");
                    OffsetDateTime trashedAt = rs.getObject("trashed_at", OffsetDateTime.class);
                    rows.put(id, new DocumentIndexEntry(id.toString(), rs.getObject("workspace_id", UUID.class).toString(), rs.getString("title"),
                            rs.getString("content"), List.of((String[]) tags.getArray()),
                            DocumentIndexEntry.status(rs.getBoolean("archived"), trashedAt == null ? null : trashedAt.toInstant()),
                            rs.getLong("revision"), rs.getObject("updated_at", OffsetDateTime.class).toInstant().toString(),
                            rs.getObject("created_by", UUID.class).toString()));
                }
            }
        }
        return rows;
    }
}
