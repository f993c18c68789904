package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.common.search.DocumentIndexEntry;
import app.knowledgenetwork.searchindexer.BulkWrites.Result;
import app.knowledgenetwork.searchindexer.BulkWrites.Write;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.common.runtime.util.SchedulerUtils;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;

/**
 * Drains the outbox of the knowledge database into the search index, one batch per transaction:
 * <ol>
 * <li>claim the oldest unprocessed rows of aggregate_type 'document' ({@code FOR UPDATE SKIP LOCKED}: replicas,
 * and overlapping runs, never share a row);</li>
 * <li>read each document's current row (the outbox payload has no content; several rows of one document become one
 * entry, its latest state);</li>
 * <li>send one _bulk through the alias ({@link BulkWrites}: external versions, an older revision never overwrites a
 * newer one; a purged document is deleted with the purge's revision, one above its last);</li>
 * <li>mark processed, in the same transaction and only after the bulk answered, the rows whose item succeeded. A row
 * whose document OpenSearch refuses counts an attempt and is set aside after {@code kn.indexer.max-attempts}
 * ({@link DeadLetters}); a row the cluster could not take now (overloaded, read-only) stays for the next batch, as do
 * all rows when the bulk fails as a whole (the transaction rolls back). Both count in {@code kn_indexer_failures_total}.</li>
 * </ol>
 * Each batch holds {@link Reindex#SWITCH_BARRIER} shared for its transaction, so a reindex can wait for the batches
 * that may have written into the old index before it replays the last changes and switches the alias. While the alias
 * points at an older mapping ({@link SearchIndex.State#OUTDATED}) no batch runs: the changes wait for the rollout.
 */
@Startup
@ApplicationScoped
public class OutboxIndexer {
    private static final Logger LOG = Logger.getLogger(OutboxIndexer.class);
    private static final String BARRIER = "SELECT pg_advisory_xact_lock_shared(?)";
    /**
     * The claim must read about a batch of rows however many are pending: down the partial index of pending rows in id
     * order, stopping at the limit. What the planner prefers instead, when the table's statistics lag a burst (never
     * analysed, or last analysed while almost nothing was pending, and autovacuum looks at most once a minute), is a
     * bitmap scan of every pending row and a sort: 100,000 pending rows made each claim take 30-130 ms of PostgreSQL's
     * CPU and a drain 3 to 6 times slower (bench/search, thirteenth pass). Sorting is ruled out for the batch's
     * transaction, which leaves the ordered index scan; its other statements look rows up by id and sort nothing. (Ruling
     * out bitmap scans too turned one of those lookups into a sequential scan.)
     */
    private static final String NO_SORT = "SELECT set_config('enable_sort', 'off', true)";
    private static final String CLAIM = """
            SELECT id, aggregate_id, revision FROM outbox_event
             WHERE processed_at IS NULL AND aggregate_type = 'document'
             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String PROCESSED = "UPDATE outbox_event SET processed_at = now() WHERE id = ANY (?)";

    private final AgroalDataSource dataSource;
    private final OpenSearchClient client;
    private final SearchIndex index;
    private final Reindex reindex;
    private final DeadLetters deadLetters;
    private final IndexerConfig config;
    private final Counter indexed;
    private final Counter failures;
    /** Runs the loops beside the caller's: one more than the batches that may be at OpenSearch at once. */
    private final ExecutorService helpers;
    /**
     * A _bulk at OpenSearch holds one of {@code in-flight} permits. The loop beyond them claims and reads its next batch
     * from PostgreSQL meanwhile, so OpenSearch always has {@code in-flight} batches to work on while the outbox is full
     * rather than one whenever a loop is between requests (bench/search, ninth pass).
     */
    private final Semaphore atOpenSearch;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean wanted;

    public OutboxIndexer(AgroalDataSource dataSource, OpenSearchClient client, SearchIndex index, Reindex reindex, DeadLetters deadLetters,
            IndexerConfig config, MeterRegistry meters) {
        if (config.batchSize() < 1 || config.maxBatchesPerRun() < 1 || config.inFlight() < 1) {
            throw new IllegalArgumentException("kn.indexer.batch-size, kn.indexer.max-batches-per-run and kn.indexer.in-flight must be at least 1");
        }
        checkSchedule(config.every());
        this.dataSource = dataSource;
        this.client = client;
        this.index = index;
        this.reindex = reindex;
        this.deadLetters = deadLetters;
        this.config = config;
        // Registered at start, so a quiet indexer shows 0 rather than no series.
        this.indexed = Counter.builder("kn.indexer.documents.indexed")
                .description("Documents indexed or deleted from the outbox (a reindex's build not included)").register(meters);
        this.failures = Counter.builder("kn.indexer.failures")
                .description("Documents of the outbox that could not be indexed by a batch (their rows stay, or are set aside)").register(meters);
        this.helpers = Executors.newFixedThreadPool(config.inFlight(), Thread.ofPlatform().name("outbox-batch-", 1).daemon().factory());
        this.atOpenSearch = new Semaphore(config.inFlight());
    }

    /** Refuses an interval the scheduler would not keep (it looks at its jobs once a second), naming the setting. */
    static void checkSchedule(String every) {
        if (SchedulerUtils.isOff(every)) {
            return;
        }
        Duration interval;
        try {
            interval = DurationConverter.parseDuration(every.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("kn.indexer.every (INDEXER_INTERVAL) is '" + every + "', which is not a duration such as 1s or 5s, nor off");
        }
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("kn.indexer.every (INDEXER_INTERVAL) is '" + every + "': the scheduler runs a job at most once a "
                    + "second, so it must be at least 1s (or off); a change is indexed at its commit anyway while kn.indexer.listen is on");
        }
    }

    /** What one batch did: the outbox rows it claimed, those it marked processed, and those it set aside as dead letters. */
    public record Batch(List<Long> claimed, List<Long> processed, List<Long> setAside) {
        static final Batch NONE = new Batch(List.of(), List.of(), List.of());

        /** Whether every claimed row is done with (processed or set aside). */
        boolean settled() {
            return processed.size() + setAside.size() == claimed.size();
        }
    }

    record Event(long id, UUID documentId, long revision) {
    }

    @Scheduled(identity = "outbox-indexer", every = "${kn.indexer.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        drain();
    }

    /**
     * Indexes what the outbox holds, until it is empty (or a batch could not settle all its rows: then the next run
     * tries again). One drain at a time per replica: a call while one runs asks it to look once more (a wake-up from
     * {@link OutboxListener} during a drain is not lost) and returns at once.
     */
    public void drain() {
        wanted = true;
        while (wanted && draining.compareAndSet(false, true)) {
            try {
                while (wanted) {
                    wanted = false;
                    if (drainOnce()) {
                        wanted = true; // still full: go on now rather than at the next scheduled run
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("Outbox batch failed, trying again on the next run: %s", e.toString());
                wanted = false;
            } finally {
                draining.set(false);
            }
            // A wake-up between the last look and the release above finds draining still set: look again for it.
        }
    }

    /** {@code in-flight} + 1 loops of batches at once; whether the outbox may still be full. */
    private boolean drainOnce() {
        List<Future<Boolean>> others = new ArrayList<>();
        for (int i = 0; i < config.inFlight(); i++) {
            others.add(helpers.submit(this::loop));
        }
        boolean full = loop();
        for (Future<Boolean> other : others) {
            try {
                full |= other.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return full;
    }

    /** Batches back to back while they come back full and settled, at most {@code max-batches-per-run}; whether the last was full. */
    private boolean loop() {
        try {
            for (int i = 0; i < config.maxBatchesPerRun(); i++) {
                Batch batch = runBatch();
                if (batch.claimed().size() < config.batchSize() || !batch.settled()) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Outbox batch failed, trying again on the next run: %s", e.toString());
            return false;
        }
    }

    @PreDestroy
    void stop() {
        helpers.shutdownNow();
    }

    public Batch runBatch() {
        return runBatch(() -> {
        });
    }

    /** {@code afterClaim} runs while the claimed rows are locked (tests use it to overlap two batches). */
    Batch runBatch(Runnable afterClaim) {
        switch (index.ensure()) {
            case CURRENT -> {
            }
            case OUTDATED -> {
                reindex.rollOut();
                return Batch.NONE;
            }
            case UNAVAILABLE -> {
                return Batch.NONE;
            }
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
        try (PreparedStatement barrier = connection.prepareStatement(BARRIER)) {
            barrier.setLong(1, Reindex.SWITCH_BARRIER);
            barrier.execute();
        }
        List<Event> events = claim(connection, config.batchSize());
        afterClaim.run();
        if (events.isEmpty()) {
            return Batch.NONE;
        }
        List<Long> claimed = events.stream().map(Event::id).toList();
        Map<UUID, List<Event>> byDocument = new LinkedHashMap<>();
        events.forEach(e -> byDocument.computeIfAbsent(e.documentId(), id -> new ArrayList<>()).add(e));
        List<UUID> documents = List.copyOf(byDocument.keySet());
        Map<UUID, DocumentIndexEntry> current = DocumentRows.byId(connection, documents);

        List<Write> writes = new ArrayList<>();
        for (UUID id : documents) {
            DocumentIndexEntry entry = current.get(id);
            writes.add(entry != null ? Write.index(entry)
                    : Write.delete(id.toString(), byDocument.get(id).stream().mapToLong(Event::revision).max().orElseThrow()));
        }

        List<Result> results;
        atOpenSearch.acquireUninterruptibly();
        try {
            results = BulkWrites.send(client, index.index().alias(), writes);
        } catch (IOException | OpenSearchException e) {
            failures.increment(documents.size());
            LOG.warnf("Bulk of %d documents failed, their %d outbox rows stay for the next batch: %s", documents.size(), claimed.size(), e.toString());
            connection.rollback();
            return new Batch(claimed, List.of(), List.of());
        } finally {
            atOpenSearch.release();
        }

        List<Long> processed = new ArrayList<>();
        List<Long> setAside = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            UUID id = documents.get(i);
            Result result = results.get(i);
            List<Long> rows = byDocument.get(id).stream().map(Event::id).toList();
            switch (result.outcome()) {
                case DONE -> {
                    if (result.error() == null) {
                        indexed.increment();
                    }
                    processed.addAll(rows);
                }
                case REFUSED -> {
                    failures.increment();
                    List<Long> exhausted = deadLetters.refused(connection, rows, result.error());
                    setAside.addAll(exhausted);
                    LOG.warnf("OpenSearch refused document %s (%s); %s", id, result.error(), exhausted.isEmpty()
                            ? "its outbox rows stay for the next batch" : "outbox rows " + exhausted + " are set aside as dead letters");
                }
                case RETRY -> {
                    failures.increment();
                    deadLetters.notIndexedYet(connection, rows, result.error());
                    LOG.warnf("Indexing document %s failed (%s); its outbox rows stay for the next batch", id, result.error());
                }
            }
        }
        if (!processed.isEmpty()) {
            try (PreparedStatement done = connection.prepareStatement(PROCESSED)) {
                done.setArray(1, connection.createArrayOf("bigint", processed.toArray()));
                done.executeUpdate();
            }
        }
        return new Batch(claimed, processed, setAside);
    }

    /** Locks the oldest {@code limit} pending document rows for the transaction of {@code connection}, skipping those others hold. */
    static List<Event> claim(Connection connection, int limit) throws SQLException {
        try (PreparedStatement settings = connection.prepareStatement(NO_SORT)) {
            settings.execute();
        }
        List<Event> events = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setInt(1, limit);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3)));
                }
            }
        }
        return events;
    }
}
