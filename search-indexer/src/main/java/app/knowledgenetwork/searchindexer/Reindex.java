package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.common.retry.RetryPolicy;
import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.common.search.DocumentIndexEntry;
import app.knowledgenetwork.searchindexer.BulkWrites.Outcome;
import app.knowledgenetwork.searchindexer.BulkWrites.Result;
import app.knowledgenetwork.searchindexer.BulkWrites.Write;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;

/**
 * Rebuilds the documents index from PostgreSQL without downtime, while the outbox keeps flowing into the index in use:
 * <ol>
 * <li>one reindex at a time across replicas ({@link #RUN_LOCK}, a PostgreSQL advisory lock held for the build; a pod
 * that dies releases it, and the next reindex deletes the index it left);</li>
 * <li>note PostgreSQL's clock ({@code since}), create a new index of the current mapping ({@code <alias>-v<N>-<time>})
 * behind {@link SearchIndex#buildingAlias()} only, with refresh off;</li>
 * <li>bulk-load every row of {@code document}, page by page in id order (external versions: an older revision never
 * overwrites a newer one, whoever writes first); a page OpenSearch does not take is sent again with backoff;</li>
 * <li>replay: every document of an outbox row processed since {@code since} (minus a minute of margin) is read again
 * and written. A change committed before {@code since} is in the bulk-load's read; one committed after it is processed
 * by a batch whose {@code processed_at} is after it;</li>
 * <li>hold {@link #SWITCH_BARRIER} exclusively: it waits for the batches in flight (each holds it shared), which may
 * have written into the old index, and holds new ones back; replay again, refresh, and move the alias in one
 * {@code _aliases} call (off the old index, onto the new one as write index, building alias removed); release. Batches
 * then write into the new index through the alias;</li>
 * <li>delete the old index after {@code kn.indexer.reindex.old-index-grace}, for searches that resolved the alias just
 * before the switch.</li>
 * </ol>
 * Searches go through the alias, which points at the old, complete index until the switch and at the new, complete and
 * refreshed one after it: none ever sees a half-built index. A build that fails deletes its index; the alias never moved.
 */
@ApplicationScoped
public class Reindex {
    private static final Logger LOG = Logger.getLogger(Reindex.class);

    /** Held by the replica that runs a reindex, for the whole build. */
    static final long RUN_LOCK = 0x6b6e_5f72_6569_6478L;
    /** Held shared by every outbox batch for its transaction, exclusively by a reindex around its alias switch. */
    static final long SWITCH_BARRIER = 0x6b6e_5f73_7769_7463L;
    /** Covers the gap between a batch's transaction start ({@code processed_at}) and its claim. */
    private static final Duration REPLAY_MARGIN = Duration.ofMinutes(1);
    private static final String REPLAY = """
            SELECT aggregate_id, max(revision) FROM outbox_event
             WHERE aggregate_type = 'document' AND processed_at >= ? GROUP BY aggregate_id""";

    public enum State { BUILDING, SWITCHED, FAILED }

    /** One reindex: the index it builds, why, and how far it got. */
    public record Run(String index, String reason, Instant startedAt, State state, long documents, long refused, long replayed,
            Instant finishedAt, String error) {
    }

    /** Whether a reindex runs (in any replica), this replica's latest one, and the indices behind the two aliases. */
    public record Status(boolean running, Optional<Run> last, List<String> current, List<String> building) {
    }

    /** Another reindex holds the lock (in this replica or another). */
    public static final class AlreadyRunning extends IllegalStateException {
        AlreadyRunning() {
            super("A reindex is running already");
        }
    }

    private final AgroalDataSource dataSource;
    private final OpenSearchClient client;
    private final SearchIndex searchIndex;
    private final DocumentIndex index;
    private final IndexerConfig.ReindexSettings settings;
    private final RetryPolicy retries;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("reindex").daemon().unstarted(r));
    private final ScheduledExecutorService cleaner = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("reindex-cleaner").daemon().unstarted(r));
    private final AtomicReference<Build> current = new AtomicReference<>();
    private final AtomicReference<Run> last = new AtomicReference<>();
    private volatile Instant lastRollout = Instant.MIN;
    private volatile IntConsumer afterPage = page -> {
    };

    public Reindex(AgroalDataSource dataSource, OpenSearchClient client, SearchIndex searchIndex, IndexerConfig config) {
        this.settings = config.reindex();
        if (settings.pageSize() < 1 || settings.maxRetries() < 0) {
            throw new IllegalArgumentException("kn.indexer.reindex.page-size must be at least 1 and kn.indexer.reindex.max-retries not negative");
        }
        this.dataSource = dataSource;
        this.client = client;
        this.searchIndex = searchIndex;
        this.index = searchIndex.index();
        this.retries = new RetryPolicy(settings.maxRetries(), 2, Duration.ofMillis(500), Duration.ofSeconds(30), 0.5);
    }

    void onStart(@Observes StartupEvent start) {
        switch (searchIndex.ensure()) {
            case OUTDATED -> rollOut();
            case CURRENT -> restem();
            case UNAVAILABLE -> LOG.debug("OpenSearch away at start: the mapping rollout waits for a batch, the stemming check for the next start");
        }
    }

    /**
     * When the cluster has gained the "english" analyzer (the analysis-common module, as bin/dev-services added it to
     * existing local clusters) after the index in use was built without it, starts a reindex: the new index stems and
     * suggests from word beginnings ({@link DocumentIndex#lacksStemming}). Called at start. The outbox keeps flowing
     * into the old index meanwhile: its mapping fits this release's entries.
     *
     * @return the run started; empty when the index stems already, a reindex runs, or OpenSearch did not answer
     */
    public Optional<Run> restem() {
        List<String> without;
        try {
            without = index.lacksStemming(client);
        } catch (IOException | OpenSearchException e) {
            LOG.warnf("Could not tell whether %s stems (%s); the next start looks again", index.alias(), e.toString());
            return Optional.empty();
        }
        if (without.isEmpty()) {
            return Optional.empty();
        }
        LOG.warnf("%s was built without English stemming, and this OpenSearch has the 'english' analyzer now: reindexing", without);
        Build build = begin("the cluster gained the english analyzer that " + String.join(",", without) + " lacks", Need.UNSTEMMED, run -> {
        });
        if (build == null) {
            return Optional.empty();
        }
        worker.execute(build::run);
        return Optional.of(build.snapshot());
    }

    /** Why a build runs: asked for, or only while the index still needs it (checked again once the lock is held). */
    private enum Need { ASKED, OUTDATED, UNSTEMMED }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        cleaner.shutdownNow();
    }

    /**
     * Starts a reindex in the background.
     *
     * @return the run, building; empty when one runs already (here or in another replica)
     */
    public Optional<Run> start(String reason) {
        return start(reason, run -> {
        });
    }

    /**
     * Starts a reindex in the background and tells {@code whenDone} how it ended (SWITCHED or FAILED), on the reindex's
     * thread, while its lock is still held.
     *
     * @return the run, building; empty when one runs already (here or in another replica)
     */
    public Optional<Run> start(String reason, java.util.function.Consumer<Run> whenDone) {
        Build build = begin(reason, Need.ASKED, whenDone);
        if (build == null) {
            return Optional.empty();
        }
        worker.execute(build::run);
        return Optional.of(build.snapshot());
    }

    /** Runs a reindex here and now, to its end. */
    public Run run(String reason) {
        Build build = begin(reason, Need.ASKED, run -> {
        });
        if (build == null) {
            throw new AlreadyRunning();
        }
        build.run();
        return last.get();
    }

    /**
     * The rollout of a changed mapping: when the alias points at an older {@link DocumentIndex#VERSION}, starts a reindex
     * unless one runs, or one failed less than {@code kn.indexer.reindex.rollout-retry} ago. Called at start and by every
     * outbox batch that finds the alias outdated, so the rollout happens once some replica of this release is up, and
     * again if the replica that ran it died.
     */
    public void rollOut() {
        Instant now = Instant.now();
        if (current.get() != null || now.isBefore(lastRollout.plus(settings.rolloutRetry()))) {
            return;
        }
        lastRollout = now;
        Build build = begin("mapping v" + DocumentIndex.VERSION + " rollout", Need.OUTDATED, run -> {
        });
        if (build != null) {
            worker.execute(build::run);
        }
    }

    /** Whether a reindex runs, in this replica or another (one holds the run lock). */
    public boolean running() {
        if (current.get() != null) {
            return true;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (tryLock(connection)) {
                unlock(connection);
                return false;
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Asking PostgreSQL whether a reindex runs failed: " + e.getMessage(), e);
        }
    }

    public Status status() {
        boolean running = running();
        try {
            return new Status(running, Optional.ofNullable(current.get()).map(Build::snapshot).or(() -> Optional.ofNullable(last.get())),
                    searchIndex.targetsOf(index.alias()), searchIndex.targetsOf(searchIndex.buildingAlias()));
        } catch (IOException e) {
            throw new IllegalStateException("Reading the index aliases failed: " + e.getMessage(), e);
        }
    }

    /** Tests: runs after each page of the bulk-load, with its number (from 1), on the reindex's thread. */
    void afterEachPage(IntConsumer hook) {
        afterPage = hook;
    }

    /** Takes the lock and names the index; null when another reindex holds the lock. */
    private Build begin(String reason, Need need, java.util.function.Consumer<Run> whenDone) {
        Connection lock = null;
        try {
            lock = dataSource.getConnection();
            if (!tryLock(lock)) {
                lock.close();
                return null;
            }
            Build build = new Build(lock, index.newIndex(Instant.now()), reason, need, whenDone);
            if (!current.compareAndSet(null, build)) {
                unlock(lock);
                return null;
            }
            return build;
        } catch (SQLException e) {
            if (lock != null) {
                unlock(lock);
            }
            throw new IllegalStateException("Taking the reindex lock in PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, RUN_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Releases the lock and returns the connection; a connection that cannot say is closed, which ends its session and lock. */
    private static void unlock(Connection connection) {
        try (connection; Statement unlock = connection.createStatement()) {
            unlock.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            LOG.debugf("Releasing the reindex lock: %s", e.getMessage());
        }
    }

    /** One build, from the lock to the switch (or the failure). */
    private final class Build {
        private final Connection lock;
        private final String name;
        private final String reason;
        private final Need need;
        private final java.util.function.Consumer<Run> whenDone;
        private final Instant startedAt = Instant.now();
        private final AtomicLong documents = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final AtomicLong replayed = new AtomicLong();

        Build(Connection lock, String name, String reason, Need need, java.util.function.Consumer<Run> whenDone) {
            this.lock = lock;
            this.name = name;
            this.reason = reason;
            this.need = need;
            this.whenDone = whenDone;
        }

        Run snapshot() {
            return new Run(name, reason, startedAt, State.BUILDING, documents.get(), refused.get(), replayed.get(), null, null);
        }

        private Run finished(State state, String error) {
            return new Run(name, reason, startedAt, state, documents.get(), refused.get(), replayed.get(), Instant.now(), error);
        }

        void run() {
            List<String> previous = List.of();
            try {
                if (need == Need.OUTDATED) {
                    searchIndex.recheck();
                    if (searchIndex.ensure() != SearchIndex.State.OUTDATED) {
                        LOG.infof("Mapping rollout: alias %s is current already", index.alias());
                        return;
                    }
                }
                if (need == Need.UNSTEMMED && index.lacksStemming(client).isEmpty()) {
                    LOG.infof("Alias %s stems already (another replica reindexed it)", index.alias());
                    return;
                }
                LOG.infof("Reindex (%s): building %s from PostgreSQL", reason, name);
                previous = build();
                last.set(finished(State.SWITCHED, null));
                tell(last.get());
                LOG.infof("Reindex (%s): alias %s moved from %s to %s (%d documents, %d refused, %d replayed)", reason, index.alias(), previous,
                        name, documents.get(), refused.get(), replayed.get());
            } catch (Exception e) {
                last.set(finished(State.FAILED, e.toString()));
                LOG.errorf(e, "Reindex (%s) into %s failed; the alias was not moved", reason, name);
                deleteQuietly(List.of(name));
                tell(last.get());
                return;
            } finally {
                current.set(null);
                unlock(lock);
            }
            searchIndex.recheck();
            dropOld(previous);
        }

        private void tell(Run run) {
            try {
                whenDone.accept(run);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Reindex into %s: reporting its end failed", name);
            }
        }

        /** Builds, replays and switches; returns the indices the alias pointed at before. */
        private List<String> build() throws Exception {
            Instant since = databaseNow().minus(REPLAY_MARGIN);
            deleteQuietly(searchIndex.targetsOf(searchIndex.buildingAlias()).stream().filter(i -> index.versionOf(i).isPresent()).toList());
            index.createBeside(client, name, searchIndex.buildingAlias());
            searchIndex.putSettings(name, "{\"refresh_interval\":\"-1\"}");
            bulkLoad();
            searchIndex.liveSettings(name);
            client.indices().refresh(r -> r.index(name));
            replay(since);
            try {
                lock.setAutoCommit(false);
                try (Statement barrier = lock.createStatement()) {
                    barrier.execute("SET LOCAL lock_timeout = '2min'");
                    barrier.execute("SELECT pg_advisory_xact_lock(" + SWITCH_BARRIER + ")");
                }
                replay(since);
                client.indices().refresh(r -> r.index(name));
                List<String> before = switchAlias();
                lock.commit();
                return before;
            } finally {
                if (!lock.getAutoCommit()) {
                    lock.rollback();
                    lock.setAutoCommit(true);
                }
            }
        }

        private Instant databaseNow() throws SQLException {
            try (Statement now = lock.createStatement(); ResultSet rs = now.executeQuery("SELECT now()")) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }

        private void bulkLoad() throws Exception {
            UUID after = null;
            int page = 0;
            while (true) {
                List<DocumentIndexEntry> entries;
                try (Connection connection = dataSource.getConnection()) {
                    entries = DocumentRows.pageAfter(connection, after, settings.pageSize());
                }
                if (entries.isEmpty()) {
                    return;
                }
                write(entries.stream().map(Write::index).toList());
                documents.addAndGet(entries.size());
                after = UUID.fromString(entries.getLast().id());
                afterPage.accept(++page);
            }
        }

        /** Writes again the documents of the outbox rows processed since {@code since}, as PostgreSQL has them now. */
        private void replay(Instant since) throws Exception {
            Map<UUID, Long> changed = new LinkedHashMap<>();
            try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(REPLAY)) {
                select.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        changed.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    }
                }
            }
            List<UUID> ids = List.copyOf(changed.keySet());
            for (int from = 0; from < ids.size(); from += settings.pageSize()) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + settings.pageSize()));
                Map<UUID, DocumentIndexEntry> rows;
                try (Connection connection = dataSource.getConnection()) {
                    rows = DocumentRows.byId(connection, chunk);
                }
                List<Write> writes = new ArrayList<>(chunk.size());
                for (UUID id : chunk) {
                    DocumentIndexEntry entry = rows.get(id);
                    writes.add(entry != null ? Write.index(entry) : Write.delete(id.toString(), changed.get(id)));
                }
                write(writes);
                replayed.addAndGet(writes.size());
            }
        }

        /** Sends writes into the new index until each is done or refused, retrying what the cluster did not take. */
        private void write(List<Write> writes) throws Exception {
            List<Write> pending = writes;
            for (int retry = 0; ; retry++) {
                String problem;
                try {
                    List<Write> again = new ArrayList<>();
                    for (Result result : BulkWrites.send(client, searchIndex.buildingAlias(), pending)) {
                        if (result.outcome() == Outcome.REFUSED) {
                            refused.incrementAndGet();
                            LOG.warnf("Reindex into %s: OpenSearch refused document %s (%s)", name, result.write().id(), result.error());
                        } else if (result.outcome() == Outcome.RETRY) {
                            again.add(result.write());
                        }
                    }
                    if (again.isEmpty()) {
                        return;
                    }
                    problem = again.size() + " documents not taken";
                    pending = again;
                } catch (IOException | OpenSearchException e) {
                    problem = e.toString();
                }
                if (retry >= retries.maxRetries()) {
                    throw new IOException("OpenSearch did not take a page after " + retries.maxRetries() + " retries: " + problem);
                }
                Duration delay = retries.delayBefore(retry + 1, Optional.empty(), ThreadLocalRandom.current()::nextDouble);
                LOG.infof("Reindex into %s: %s; sending again in %d ms", name, problem, delay.toMillis());
                Thread.sleep(delay.toMillis());
            }
        }

        /** Moves the alias onto the new index in one step; returns the indices it pointed at. */
        private List<String> switchAlias() throws IOException {
            List<String> before = searchIndex.targetsOf(index.alias());
            client.indices().updateAliases(r -> {
                before.forEach(old -> r.actions(a -> a.remove(x -> x.index(old).alias(index.alias()))));
                return r.actions(a -> a.add(x -> x.index(name).alias(index.alias()).isWriteIndex(true)))
                        .actions(a -> a.remove(x -> x.index(name).alias(searchIndex.buildingAlias())));
            });
            // An index a starting replica created behind a missing alias between the read and the switch.
            List<String> extra = searchIndex.targetsOf(index.alias()).stream().filter(i -> !i.equals(name)).toList();
            if (!extra.isEmpty()) {
                client.indices().updateAliases(r -> {
                    extra.forEach(old -> r.actions(a -> a.remove(x -> x.index(old).alias(index.alias()))));
                    return r;
                });
            }
            List<String> all = new ArrayList<>(before);
            all.addAll(extra);
            return all;
        }

        /** Deletes the indices the alias left, after the grace, on a thread of its own (the next reindex need not wait). */
        private void dropOld(List<String> previous) {
            List<String> ours = previous.stream().filter(i -> index.versionOf(i).isPresent() && !i.equals(name)).toList();
            if (!ours.isEmpty()) {
                cleaner.schedule(() -> deleteQuietly(ours), settings.oldIndexGrace().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void deleteQuietly(List<String> indices) {
        for (String name : indices) {
            try {
                client.indices().delete(r -> r.index(name));
                LOG.infof("Deleted index %s", name);
            } catch (OpenSearchException e) {
                if (e.status() != 404) {
                    LOG.warnf("Could not delete index %s (%s); delete it by hand (docs/RUNBOOK.md)", name, e.getMessage());
                }
            } catch (IOException e) {
                LOG.warnf("Could not delete index %s (%s); delete it by hand (docs/RUNBOOK.md)", name, e.toString());
            }
        }
    }
}
