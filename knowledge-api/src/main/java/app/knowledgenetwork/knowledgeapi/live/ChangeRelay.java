package app.knowledgenetwork.knowledgeapi.live;

import app.knowledgenetwork.knowledgeapi.documents.DocumentCache;
import app.knowledgenetwork.knowledgeapi.documents.DocumentChanged;
import app.knowledgenetwork.knowledgeapi.documents.DocumentListingCache;
import app.knowledgenetwork.knowledgeapi.workspaces.MembershipCache;
import app.knowledgenetwork.knowledgeapi.workspaces.MembershipChanged;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Announces committed changes to every replica (this one included) over Redis pub/sub. The document's cache entry and
 * its workspace's cached listings are dropped first, synchronously, so the writer's next read and every subscriber's
 * re-read see the committed state.
 */
@ApplicationScoped
public class ChangeRelay {
    private static final Logger LOG = Logger.getLogger(ChangeRelay.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);

    private final DocumentCache cache;
    private final DocumentListingCache listings;
    private final MembershipCache members;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final String channel;

    public ChangeRelay(DocumentCache cache, DocumentListingCache listings, MembershipCache members, ReactiveRedisDataSource redis, ObjectMapper json,
                       @ConfigProperty(name = "kn.redis.key-prefix") String keyPrefix) {
        this.cache = cache;
        this.listings = listings;
        this.members = members;
        this.redis = redis;
        this.json = json;
        this.channel = ChangeMessage.channel(keyPrefix);
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) DocumentChanged change) {
        announce(change);
    }

    /** A read inside the failed transaction may have cached what never committed. */
    void rolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) DocumentChanged change) {
        dropCached(change);
    }

    /** Subscribers re-check their rights on this message, so the cached roles must be gone before it is sent. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChanged change) {
        members.invalidate(change.workspaceId());
        publish(new ChangeMessage(ChangeMessage.MEMBERSHIP, change.workspaceId().toString(), change.workspaceId().toString(), "MembershipChanged", 0));
    }

    /** Call only once the change has committed. */
    public void announce(DocumentChanged change) {
        dropCached(change);
        publish(new ChangeMessage(ChangeMessage.DOCUMENT, change.id().toString(), change.workspaceId().toString(), change.type(), change.revision()));
    }

    private void dropCached(DocumentChanged change) {
        cache.invalidate(change.id());
        listings.invalidate(change.workspaceId());
    }

    /**
     * Awaited, so that once a mutation has answered its change is on its way to every subscriber. A failure does not
     * fail the (committed) change: subscribers then see it with the next change or when their replica re-subscribes.
     */
    private void publish(ChangeMessage message) {
        try {
            redis.pubsub(String.class).publish(channel, message.encode(json)).ifNoItem().after(PUBLISH_TIMEOUT).fail().await().indefinitely();
        } catch (RuntimeException e) {
            LOG.warnf("Could not announce %s of %s on Redis (%s): subscribers catch up when their replica re-subscribes or with the next change", message.type(), message.id(),
                    e.getClass().getSimpleName());
        }
    }
}
