package app.knowledgenetwork.knowledgeapi.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What replicas tell each other on the Redis channel {@code <kn.redis.key-prefix>live:changes}: which document (or
 * which workspace's members) changed. Never the content: subscribers read that themselves, with their own rights.
 *
 * @param kind {@link #DOCUMENT} or {@link #MEMBERSHIP}
 * @param id the document id, or the workspace id for a membership change
 * @param type the change (DocumentUpdated, DocumentPurged, ...)
 */
public record ChangeMessage(String kind, String id, String workspaceId, String type, long revision) {
    public static final String DOCUMENT = "document";
    public static final String MEMBERSHIP = "membership";
    /** Sent locally, not over Redis: re-read now (a subscription starts, or the feed reconnected). */
    static final String RESYNC = "Resync";

    static ChangeMessage resync() {
        return new ChangeMessage(DOCUMENT, null, null, RESYNC, 0);
    }

    public String encode(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ChangeMessage decode(ObjectMapper json, String text) throws JsonProcessingException {
        return json.readValue(text, ChangeMessage.class);
    }

    public static String channel(String keyPrefix) {
        return keyPrefix + "live:changes";
    }
}
