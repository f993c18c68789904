package app.knowledgenetwork.collabwebsocket.session;

import app.knowledgenetwork.collabwebsocket.CollabConfig;
import app.knowledgenetwork.collabwebsocket.metrics.CollabMetrics;
import app.knowledgenetwork.collabwebsocket.presence.PresenceEntry;
import app.knowledgenetwork.collabwebsocket.protocol.ServerMessages;
import app.knowledgenetwork.collabwebsocket.saving.Snapshots;
import app.knowledgenetwork.collabwebsocket.sequencing.OpLog;
import app.knowledgenetwork.collabwebsocket.sequencing.SequencedOp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ScheduledExecutorService;

/** What a {@link LiveDocument} uses of the replica: Redis, PostgreSQL, the messages, meters, timers and settings. */
interface LiveContext {
    OpLog opLog();

    Snapshots snapshots();

    ServerMessages messages();

    CollabMetrics metrics();

    CollabConfig config();

    ObjectMapper json();

    ScheduledExecutorService timers();

    /** The Vert.x context for documents' queues to run as (null: none), see {@link SerialQueue}. */
    io.vertx.core.impl.ContextInternal documentContext();

    /** Saves the document; false: try again later. */
    boolean save(LiveDocument document);

    /** Forgets the document on this replica if nobody is on it and nothing is left to save. */
    void unloadIfIdle(LiveDocument document);

    default PresenceEntry presenceFrom(String text) {
        try {
            return json().readValue(text, PresenceEntry.class);
        } catch (Exception e) {
            return null;
        }
    }

    default PresenceEntry presenceFrom(JsonNode node) {
        try {
            return json().treeToValue(node, PresenceEntry.class);
        } catch (Exception e) {
            return null;
        }
    }

    default SequencedOp entryFrom(JsonNode node) {
        try {
            return json().treeToValue(node, SequencedOp.class);
        } catch (Exception e) {
            return null;
        }
    }
}
