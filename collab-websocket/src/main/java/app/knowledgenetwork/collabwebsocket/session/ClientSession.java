package app.knowledgenetwork.collabwebsocket.session;

import app.knowledgenetwork.collabwebsocket.access.WorkspaceRole;
import app.knowledgenetwork.collabwebsocket.protocol.CloseCode;
import io.quarkus.websockets.next.WebSocketConnection;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
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

    /** The longest WebSocket frame sent (Vert.x' default maximum frame size, which its clients enforce). */
    static final int MAX_FRAME = 65536;

    final WebSocketConnection connection;
    /**
     * The Vert.x WebSocket under the connection (null: not one, e.g. a test's stand-in). Messages are written to it
     * directly: {@code connection.sendText} wrapped every message of every recipient in a Uni with captured context
     * (SmallRye context propagation) and encoded it to UTF-8 again, 10-15 % of an operation's CPU in the bench's profile.
     */
    private final WebSocketBase socket;
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
        this.socket = VertxSockets.of(connection);
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
        send(Frame.of(text));
    }

    void send(Frame frame) {
        io.vertx.core.Context c = context;
        if (c != null && !((io.vertx.core.impl.ContextInternal) c).nettyEventLoop().inEventLoop()) {
            c.runOnContext(ignored -> write(frame));
        } else {
            write(frame);
        }
    }

    /** Writes now (on the connection's event loop, or anywhere for a connection without one); a client already holding too much unread is closed instead. */
    void write(Frame frame) {
        if (state == State.CLOSED) {
            return;
        }
        WebSocketBase ws = socket;
        if (ws == null) {
            if (connection.isOpen()) {
                long size = frame.utf8().length;
                if (reserve(size)) {
                    connection.sendText(frame.text()).subscribe().with(ok -> pendingBytes.addAndGet(-size), e -> pendingBytes.addAndGet(-size));
                }
            }
            return;
        }
        if (ws.isClosed()) {
            return;
        }
        byte[] bytes = frame.utf8();
        long size = bytes.length;
        if (!reserve(size)) {
            return;
        }
        // The frames wrap the shared bytes (no copy); Netty writes them after each frame's header. A long message goes
        // in fragments of at most MAX_FRAME bytes, as Vert.x's writeTextMessage does: clients (Vert.x' included)
        // refuse longer frames by default.
        int offset = 0;
        WebSocketFrameType type = WebSocketFrameType.TEXT;
        while (bytes.length - offset > MAX_FRAME) {
            ws.writeFrame(new WebSocketFrameImpl(type, Unpooled.wrappedBuffer(bytes, offset, MAX_FRAME), false));
            offset += MAX_FRAME;
            type = WebSocketFrameType.CONTINUATION;
        }
        ws.writeFrame(new WebSocketFrameImpl(type, Unpooled.wrappedBuffer(bytes, offset, bytes.length - offset), true),
                done -> pendingBytes.addAndGet(-size));
    }

    private boolean reserve(long size) {
        if (pendingBytes.addAndGet(size) > maxPendingBytes) {
            pendingBytes.addAndGet(-size);
            slow.accept(this);
            return false;
        }
        return true;
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
