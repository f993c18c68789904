package app.knowledgenetwork.collabwebsocket.protocol;

import app.knowledgenetwork.collabwebsocket.presence.PresenceEntry;
import app.knowledgenetwork.collabwebsocket.sequencing.SequencedOp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The messages the server sends, as the JSON text that goes on the socket (see docs/collab-protocol.md). */
public final class ServerMessages {
    private final ObjectMapper json;

    public ServerMessages(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The answer to the first auth: the caller's role, the document's epoch and version, and either the operations
     * since the version the client holds ({@code ops}) or the text ({@code snapshot}); who else is here.
     */
    public String joined(String client, String role, boolean canEdit, String epoch, long version, String snapshot, List<SequencedOp> ops,
                         List<PresenceEntry> presence, Instant expiresAt) {
        Map<String, Object> m = message("joined");
        m.put("protocol", ClientMessage.PROTOCOL_VERSION);
        m.put("client", client);
        m.put("role", role);
        m.put("canEdit", canEdit);
        m.put("epoch", epoch);
        m.put("v", version);
        if (snapshot != null) {
            m.put("snapshot", snapshot);
        }
        m.put("ops", ops.stream().map(ServerMessages::opBody).toList());
        m.put("presence", presence.stream().map(ServerMessages::presenceBody).toList());
        m.put("expiresAt", expiresAt.toString());
        return write(m);
    }

    /** An operation someone else made, as version {@code v}. */
    public String op(SequencedOp e) {
        Map<String, Object> m = message("op");
        m.putAll(opBody(e));
        return write(m);
    }

    /** The caller's operation {@code src}/{@code seq} is version {@code v}. */
    public String ack(String source, long seq, long version) {
        Map<String, Object> m = message("ack");
        m.put("src", source);
        m.put("seq", seq);
        m.put("v", version);
        return write(m);
    }

    public String presence(PresenceEntry p) {
        Map<String, Object> m = message("presence");
        m.putAll(presenceBody(p));
        return write(m);
    }

    public String leave(String client) {
        Map<String, Object> m = message("leave");
        m.put("client", client);
        return write(m);
    }

    /** The caller's rights changed (role changed, document archived or unarchived). */
    public String role(String role, boolean canEdit) {
        Map<String, Object> m = message("role");
        m.put("role", role);
        m.put("canEdit", canEdit);
        return write(m);
    }

    /** A fresh token was accepted. */
    public String authenticated(Instant expiresAt) {
        Map<String, Object> m = message("authenticated");
        m.put("expiresAt", expiresAt.toString());
        return write(m);
    }

    public String error(ErrorCode code, String text, Long seq) {
        Map<String, Object> m = message("error");
        m.put("code", code.name());
        m.put("message", text);
        if (seq != null) {
            m.put("seq", seq);
        }
        return write(m);
    }

    public String pong() {
        return write(message("pong"));
    }

    private static Map<String, Object> message(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        return m;
    }

    private static Map<String, Object> opBody(SequencedOp e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", e.version());
        m.put("op", e.op());
        m.put("src", e.source());
        m.put("seq", e.seq());
        if (e.user() != null) {
            m.put("user", e.user());
        }
        return m;
    }

    private static Map<String, Object> presenceBody(PresenceEntry p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", p.client());
        m.put("user", p.user());
        m.put("name", p.name());
        m.put("color", p.color());
        m.put("selection", p.selection());
        m.put("v", p.version());
        return m;
    }

    private String write(Map<String, Object> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
