package app.knowledgenetwork.collabwebsocket.session;

import app.knowledgenetwork.collabwebsocket.access.WorkspaceRole;
import app.knowledgenetwork.collabwebsocket.protocol.CloseCode;
import io.quarkus.websockets.next.WebSocketConnection;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client's connection to one document: who it is, what it may do, what it waits for, and what it has not read
 * yet. Sending never blocks and never buffers without bound: a client that has more than the allowed bytes unwritten
 * is disconnected.
 */
public final class ClientSession {
    enum State { AWAITING_AUTH, JOINING, JOINED, CLOSED }

    final WebSocketConnection connection;
    /** The connection's event loop (null when not opened on one): broadcasts are written from it ({@link Fanout}). */
    final io.vertx.core.Context context;
    final UUID documentId;
    private final long maxPendingBytes;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Consumer<ClientSession> slow;

    volatile State state = State.AWAITING_AUTH;
    volatile UUID userId;
    volatile WorkspaceRole role;
    volatile boolean canEdit;
    volatile Instant expiresAt;
    /** The document's revision in PostgreSQL when the client joined. */
    volatile long storedRevision;
    volatile String name;
    volatile String color;
    volatile long lastHeardNanos = System.nanoTime();
    volatile ScheduledFuture<?> expiry;
    /** The operations (src + "/" + seq) submitted and not yet acknowledged. */
    final Set<String> awaitingAck = ConcurrentHashMap.newKeySet();
    /** Latest presence not yet relayed (throttled), and when the last one was. */
    volatile app.knowledgenetwork.collabwebsocket.protocol.ClientMessage.Presence pendingPresence;
    volatile long lastPresenceNanos;
    volatile boolean presenceScheduled;
    private double tokens;
    private long tokensAt = System.nanoTime();

    ClientSession(WebSocketConnection connection, UUID documentId, long maxPendingBytes, Consumer<ClientSession> slow) {
        this.connection = connection;
        io.vertx.core.Context current = io.vertx.core.Vertx.currentContext();
        this.context = current != null && current.isEventLoopContext() ? current : null;
        this.documentId = documentId;
        this.maxPendingBytes = maxPendingBytes;
        this.slow = slow;
    }

    public String id() {
        return connection.id();
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    boolean joined() {
        return state == State.JOINED;
    }

    /**
     * Queues a message. Every message to a client is written from its event loop, in the order given (a broadcast goes
     * through the same queue, {@link Fanout}), so an ack never overtakes the operations before it.
     */
    void send(String text) {
        io.vertx.core.Context c = context;
        if (c != null && !((io.vertx.core.impl.ContextInternal) c).nettyEventLoop().inEventLoop()) {
            c.runOnContext(ignored -> write(text));
        } else {
            write(text);
        }
    }

    /** Writes now (on the connection's event loop, or anywhere for a connection without one); a client already holding too much unread is closed instead. */
    void write(String text) {
        if (state == State.CLOSED || !connection.isOpen()) {
            return;
        }
        long size = text.length();
        if (pendingBytes.addAndGet(size) > maxPendingBytes) {
            pendingBytes.addAndGet(-size);
            slow.accept(this);
            return;
        }
        connection.sendText(text).subscribe().with(ok -> pendingBytes.addAndGet(-size), e -> pendingBytes.addAndGet(-size));
    }

    void close(CloseCode code, String detail) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        ScheduledFuture<?> e = expiry;
        if (e != null) {
            e.cancel(false);
        }
        if (connection.isOpen()) {
            connection.close(code.reason(detail)).subscribe().with(ok -> { }, err -> { });
        }
    }

    /** Token bucket: whether one more operation fits the allowed rate. */
    synchronized boolean takeOperationToken(int perSecond, int burst) {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - tokensAt) / 1e9 * perSecond);
        if (tokensAt == 0 || tokens < 0) {
            tokens = 0;
        }
        tokensAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    void fillOperationTokens(int burst) {
        synchronized (this) {
            tokens = burst;
            tokensAt = System.nanoTime();
        }
    }
}
