package app.knowledgenetwork.collabwebsocket.saving;

import app.knowledgenetwork.collabwebsocket.sequencing.OpLog;
import app.knowledgenetwork.common.cache.KnowledgeCacheInvalidation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells knowledge-api a save happened, the way its own writes do (its live/ChangeRelay): first its Redis cache entries
 * of the document and of its workspace's listings are dropped (its cache/RedisCache invalidation script, which also
 * bumps their generation so a concurrent reader cannot put the old row back), then a change message goes on its
 * change channel, so documentChanged subscribers on every replica re-read the document.
 */
@ApplicationScoped
public class KnowledgeApiNotices {
    private static final Logger LOG = Logger.getLogger(KnowledgeApiNotices.class);

    /** knowledge-api's cache invalidation, from common, so the two cannot drift apart. */
    static final String INVALIDATE = KnowledgeCacheInvalidation.SCRIPT;

    private final OpLog redis;
    private final ObjectMapper json;
    private final String keyPrefix;
    private final long cacheKeyTtlMillis;

    public KnowledgeApiNotices(OpLog redis, ObjectMapper json, @ConfigProperty(name = "kn.redis.key-prefix") String keyPrefix,
                               app.knowledgenetwork.collabwebsocket.CollabConfig config) {
        this.redis = redis;
        this.json = json;
        this.keyPrefix = keyPrefix;
        // knowledge-api keeps a cache hash twice as long as its entries, so the generation outlives them.
        this.cacheKeyTtlMillis = config.knowledgeApiCacheTtl().toMillis() * 2;
    }

    /** The channel knowledge-api's ChangeFeed listens on. */
    public String changeChannel() {
        return keyPrefix + "live:changes";
    }

    /** Call once the save has committed. Failures are retried for a minute, then logged (entries expire with their TTL). */
    public void documentUpdated(UUID id, UUID workspaceId, long revision) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("kind", "document");
        message.put("id", id.toString());
        message.put("workspaceId", workspaceId.toString());
        message.put("type", "DocumentUpdated");
        message.put("revision", revision);
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                redis.invalidateKnowledgeApiCache(INVALIDATE, "document:" + id, cacheKeyTtlMillis, keyPrefix);
                redis.invalidateKnowledgeApiCache(INVALIDATE, "listing:" + workspaceId, cacheKeyTtlMillis, keyPrefix);
                redis.publish(changeChannel(), text);
                return;
            } catch (RuntimeException e) {
                if (attempt == 0) {
                    LOG.warnf("Saved %s as revision %d but could not tell knowledge-api yet (%s); retrying every second", id, revision, e.getClass().getSimpleName());
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.errorf("Saved %s as revision %d; knowledge-api's cache keeps the previous revision until its entries expire", id, revision);
    }
}
