package app.knowledgenetwork.collabwebsocket.session;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * The collaboration socket: {@code /collab/{documentId}}. The first message authenticates (the token never travels
 * in the URL); then the client submits ot-text-unicode operations and presence and receives everyone else's. Every
 * message and close code: docs/collab-protocol.md.
 */
@WebSocket(path = "/collab/{documentId}")
public class CollabEndpoint {
    private final Sessions sessions;

    public CollabEndpoint(Sessions sessions) {
        this.sessions = sessions;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        sessions.opened(connection);
    }

    /** auth, op, presence, ping: parsed here, handed to the document's queue, never blocking the event loop. */
    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String text) {
        sessions.received(connection, text);
    }

    @OnPongMessage
    @NonBlocking
    void pong(WebSocketConnection connection, Buffer data) {
        sessions.heard(connection);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        sessions.closed(connection);
    }
}
