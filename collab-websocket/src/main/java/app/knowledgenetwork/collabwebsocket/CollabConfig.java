package app.knowledgenetwork.collabwebsocket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the collaboration server, checked at start (each has a default except where the token comes from). */
@ConfigMapping(prefix = "kn.collab")
public interface CollabConfig {
    /** knowledge-api's JWK Set (JWT_JWKS_URL), e.g. http://knowledge-api:8080/.well-known/jwks.json. */
    String jwksUrl();

    /** The only accepted {@code iss} of access tokens (JWT_ISSUER), the same value knowledge-api issues with. */
    String issuer();

    /**
     * The audience knowledge-api issues access tokens for (JWT_AUDIENCE). A token that names audiences must name this
     * one; a token without {@code aud} (issued before knowledge-api added it) is still accepted.
     */
    @WithDefault("knowledge-network")
    String audience();

    /** How long a new connection may take to send its auth message. */
    @WithDefault("PT10S")
    Duration authTimeout();

    /** A connection that sends nothing (and answers no ping) for this long is closed. */
    @WithDefault("PT60S")
    Duration idleTimeout();

    /** Operations a connection may submit per second, sustained (KN_COLLAB_OPS_PER_SECOND). */
    @WithDefault("100")
    int opsPerSecond();

    /** Operations a connection may submit in a burst above the sustained rate. */
    @WithDefault("200")
    int opsBurst();

    /** Clients on one document across all replicas (KN_COLLAB_MAX_CLIENTS_PER_DOCUMENT). */
    @WithDefault("200")
    int maxClientsPerDocument();

    /** Bytes queued to one client and not yet written before it counts as too slow and is disconnected. */
    @WithDefault("4194304")
    long maxPendingBytes();

    /** At most one presence update per client is relayed per this interval; the latest one wins. */
    @WithDefault("PT0.05S")
    Duration presenceInterval();

    /** A presence entry not refreshed for this long belongs to a client that is gone (its replica died). */
    @WithDefault("PT45S")
    Duration presenceTtl();

    /** Saved this long after the last edit (KN_COLLAB_SAVE_DEBOUNCE). */
    @WithDefault("PT2S")
    Duration saveDebounce();

    /** While people keep typing, saved at least this often (KN_COLLAB_SAVE_MAX_DELAY): what Redis' loss can cost. */
    @WithDefault("PT10S")
    Duration saveMaxDelay();

    /** Between attempts while PostgreSQL refuses a save. */
    @WithDefault("PT5S")
    Duration saveRetry();

    /** Operations kept in Redis behind the saved snapshot, so a client a little behind catches up with operations. */
    @WithDefault("1000")
    int retainedOperations();

    /** Operations kept in memory per live document for transforms and catch-up without asking Redis. */
    @WithDefault("1000")
    int historyInMemory();

    /** How often every session's role and document are checked again, besides the change messages. */
    @WithDefault("PT30S")
    Duration recheckInterval();

    /** How long an idle document's state stays in Redis once saved. */
    @WithDefault("P7D")
    Duration stateTtl();

    /** knowledge-api's cache TTL (its kn.cache.ttl, KN_CACHE_TTL): its cache keys of a saved document are dropped with it. */
    @WithDefault("PT10M")
    Duration knowledgeApiCacheTtl();

    /**
     * Saved versions kept per document (KN_DOCUMENT_VERSIONS_KEPT, the same value as knowledge-api's): a live document
     * is saved every few seconds while people type, and each save deletes the oldest beyond this.
     */
    @WithDefault("200")
    int documentVersionsKept();

    /** Largest document in characters (the same limit as knowledge-api's updateDocument). */
    @WithDefault("1000000")
    int maxDocumentChars();
}
