package app.knowledgenetwork.collabwebsocket.presence;

import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who is on a document and where their selection is (code points, at {@code version}): one per connected client,
 * kept in Redis for clients joining on any replica and refreshed ({@code at}, epoch ms) while the client is there.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PresenceEntry(String client, String user, String name, String color, Selection selection, long version, long at) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Selection(int anchor, int head) {
        /** The selection after {@code op}: each end moves as ot-text-unicode moves a cursor. */
        public Selection through(TextOperation op) {
            return new Selection(TextOperation.transformPosition(anchor, op), TextOperation.transformPosition(head, op));
        }
    }

    public PresenceEntry at(Selection moved, long newVersion) {
        return new PresenceEntry(client, user, name, color, moved, newVersion, at);
    }

    public PresenceEntry refreshed(long now) {
        return new PresenceEntry(client, user, name, color, selection, version, now);
    }
}
