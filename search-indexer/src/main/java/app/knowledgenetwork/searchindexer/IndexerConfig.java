package app.knowledgenetwork.searchindexer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox is drained. */
@ConfigMapping(prefix = "kn.indexer")
public interface IndexerConfig {
    /** Outbox rows claimed, and documents sent in one _bulk, per batch. */
    @WithDefault("200")
    int batchSize();

    /**
     * How often a run starts ({@code 1s}; {@code off} disables the schedule). Read by {@link OutboxIndexer}'s
     * {@code @Scheduled}; here so the setting is declared and checked with the others.
     */
    @WithDefault("1s")
    String every();

    /** How often {@link OutboxBacklog} counts the events still to relay ({@code off} disables it); read by its {@code @Scheduled}. */
    @WithDefault("15s")
    String backlogEvery();

    /** Batches one scheduled run may do back to back while the outbox is full, before yielding to the next run. */
    @WithDefault("20")
    int maxBatchesPerRun();
}
