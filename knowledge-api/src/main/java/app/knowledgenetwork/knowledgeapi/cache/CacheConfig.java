package app.knowledgenetwork.knowledgeapi.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Redis cache of hot reads (membership checks, documents by id, first pages of document listings). */
@ConfigMapping(prefix = "kn.cache")
public interface CacheConfig {
    /** Off: every read goes to PostgreSQL (KN_CACHE_ENABLED). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The longest a cached value is served (KN_CACHE_TTL). Writes invalidate what they change, and a failed
     * invalidation is retried, so this only bounds an invalidation lost with the replica that was retrying it. Long,
     * because every expiry sends the next reader to PostgreSQL: at a minute, a hot set of documents expired in waves
     * that held requests up for up to a second (bench/graphql).
     */
    @WithDefault("PT10M")
    Duration ttl();

    /**
     * The largest first page of a document listing that is cached, in characters of its JSON (KN_CACHE_MAX_LISTING_CHARS):
     * twenty long documents would otherwise cost Redis megabytes for one listing.
     */
    @WithDefault("262144")
    int maxListingChars();

    /**
     * The most entries one cache key holds (KN_CACHE_MAX_FIELDS_PER_KEY): a workspace's listings are one key with a
     * field per status, parent and page size, and any caller can ask for listings under as many parent ids as they
     * like. Past this, further listings of the workspace are read from PostgreSQL until a change empties the key.
     */
    @WithDefault("128")
    int maxFieldsPerKey();

    /**
     * How much of the values last read from the cache each replica keeps decoded, in characters of their text
     * (KN_CACHE_DECODED_MAX_CHARS; {@link DecodedCopies}).
     */
    @WithDefault("16777216")
    long decodedMaxChars();

    /** How long one cache command may take before the read goes to PostgreSQL instead. */
    @WithDefault("PT0.5S")
    Duration timeout();

    /** After Redis failed, reads skip the cache for this long instead of waiting on it again. */
    @WithDefault("PT5S")
    Duration pauseAfterFailure();
}
