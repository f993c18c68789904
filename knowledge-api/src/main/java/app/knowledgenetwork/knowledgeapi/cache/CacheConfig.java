package app.knowledgenetwork.knowledgeapi.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Redis cache of hot reads (membership checks, documents by id). */
@ConfigMapping(prefix = "kn.cache")
public interface CacheConfig {
    /** Off: every read goes to PostgreSQL (KN_CACHE_ENABLED). */
    @WithDefault("true")
    boolean enabled();

    /** The longest a cached value is served, also when an invalidation was lost (KN_CACHE_TTL). */
    @WithDefault("PT60S")
    Duration ttl();

    /** How long one cache command may take before the read goes to PostgreSQL instead. */
    @WithDefault("PT0.5S")
    Duration timeout();

    /** After Redis failed, reads skip the cache for this long instead of waiting on it again. */
    @WithDefault("PT5S")
    Duration pauseAfterFailure();
}
