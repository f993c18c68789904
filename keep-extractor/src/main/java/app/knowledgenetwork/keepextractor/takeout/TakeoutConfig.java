package app.knowledgenetwork.keepextractor.takeout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits that keep a hostile or broken archive from exhausting the pod. */
@ConfigMapping(prefix = "kn.takeout")
public interface TakeoutConfig {

    /** Largest archive as uploaded (compressed bytes) ({@code TAKEOUT_MAX_ARCHIVE_BYTES}). */
    @WithDefault("2147483648")
    long maxArchiveBytes();

    /** Most entries read from one archive ({@code TAKEOUT_MAX_ENTRIES}). */
    @WithDefault("100000")
    int maxEntries();

    /** Largest single entry once decompressed; a larger one is skipped and reported ({@code TAKEOUT_MAX_ENTRY_BYTES}). */
    @WithDefault("52428800")
    long maxEntryBytes();

    /** Most bytes decompressed from one archive, skipped entries included ({@code TAKEOUT_MAX_TOTAL_BYTES}). */
    @WithDefault("4294967296")
    long maxTotalBytes();

    /**
     * Largest ratio of decompressed to compressed size of an entry (beyond its first MiB): above it the
     * archive is treated as a zip bomb and reading stops ({@code TAKEOUT_MAX_COMPRESSION_RATIO}).
     */
    @WithDefault("200")
    int maxCompressionRatio();
}
