package app.knowledgenetwork.searchindexer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox is drained, rows that keep failing are set aside, and the index is rebuilt. */
@ConfigMapping(prefix = "kn.indexer")
public interface IndexerConfig {
    /** Outbox rows claimed, and documents sent in one _bulk, per batch. */
    @WithDefault("200")
    int batchSize();

    /**
     * How often a run starts without a wake-up ({@code 1s}; {@code off} disables the schedule). Read by
     * {@link OutboxIndexer}'s {@code @Scheduled}; here so the setting is declared and checked with the others. The
     * fallback for {@link #listen}, and the only trigger without it. At least a second: Quarkus' scheduler looks at its
     * jobs once a second, and ran a shorter interval once a second anyway (it said so in a warning, and the defaults said
     * 250 ms); {@link OutboxIndexer} refuses a shorter one at start.
     */
    @WithDefault("1s")
    String every();

    /**
     * How often {@link OutboxBacklog} counts the events still to relay, their age and the dead letters ({@code off}
     * disables it); read by its {@code @Scheduled}.
     */
    @WithDefault("15s")
    String backlogEvery();

    /**
     * Batches one loop does back to back while the outbox is full before it looks again whether to go on (a drain goes
     * on at once while the outbox stays full: it does not wait for the next scheduled run).
     */
    @WithDefault("20")
    int maxBatchesPerRun();

    /**
     * _bulk requests at OpenSearch at once while the outbox is full, each a batch in its own transaction
     * ({@code SKIP LOCKED} gives them disjoint rows). One batch more is under way meanwhile, claiming and reading its
     * rows from PostgreSQL, so that OpenSearch is not left with fewer while a batch is between requests. 1 sends one
     * _bulk at a time.
     */
    @WithDefault("2")
    int inFlight();

    /**
     * Whether a change committed to the outbox wakes the indexer at once (PostgreSQL LISTEN on the channel
     * {@code outbox_event}, notified by a trigger of knowledge-api's migration V12 at commit), rather than at the next
     * scheduled run; the schedule stays, as the fallback while the listening connection is down.
     */
    @WithDefault("true")
    boolean listen();

    /**
     * Times OpenSearch may refuse a row's document before the row is set aside as a dead letter ({@link DeadLetters}).
     * Only refusals of the document itself count, not an unreachable, overloaded or read-only cluster.
     */
    @WithDefault("5")
    int maxAttempts();

    /**
     * The documents index's {@code refresh_interval}: how often what was indexed becomes searchable, set on the index
     * behind the alias at start and on every index a reindex builds. With the wake-up at commit ({@link #listen}) it is
     * most of the commit-to-searchable lag; shorter costs indexing throughput (more, smaller segments to merge).
     */
    @WithDefault("1s")
    String refreshInterval();

    /** Housekeeping of the outbox ({@link OutboxPruning}). */
    Outbox outbox();

    interface Outbox {
        /**
         * How long rows stay after they were indexed ({@code processed_at}), then they are deleted. At least an hour: a
         * reindex replays the rows processed since its start ({@link Reindex}), so keep it above the longest build.
         */
        @WithDefault("7d")
        Duration retention();

        /** How often processed rows older than the retention are deleted ({@code off} disables); read by its {@code @Scheduled}. */
        @WithDefault("1h")
        String pruneEvery();

        /** Rows deleted per statement, so that no delete holds its locks for long. */
        @WithDefault("5000")
        int pruneBatch();
    }

    /** Rebuilding the index from PostgreSQL ({@link Reindex}). */
    ReindexSettings reindex();

    interface ReindexSettings {
        /** Documents read from PostgreSQL, and sent in one _bulk, per page of the build. */
        @WithDefault("500")
        int pageSize();

        /** Retries of a page that OpenSearch did not take (unreachable, overloaded), with backoff, before the build fails. */
        @WithDefault("8")
        int maxRetries();

        /** How long the old index is kept after the switch, for searches that resolved the alias just before it. */
        @WithDefault("30s")
        Duration oldIndexGrace();

        /** How long after a failed mapping rollout (a changed {@code DocumentIndex.VERSION}) the next one starts. */
        @WithDefault("1m")
        Duration rolloutRetry();

        /**
         * How often the reindex requests knowledge-api's {@code startSearchReindex} mutation writes are picked up
         * ({@link ReindexRequests}; {@code off} disables); read by its {@code @Scheduled}.
         */
        @WithDefault("2s")
        String requestsEvery();
    }
}
