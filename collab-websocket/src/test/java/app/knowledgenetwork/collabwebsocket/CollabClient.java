package app.knowledgenetwork.collabwebsocket;

import app.knowledgenetwork.collabwebsocket.ot.Side;
import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A collaboration client as a browser would be, over a real WebSocket: it keeps every message it receives, and
 * follows the document as ShareDB's client does (one operation in flight, later edits composed into one pending
 * operation, incoming operations transformed against both). It can lose its connection and come back
 * ({@link #disconnect()}, {@link #reconnect}): edits made meanwhile wait, the operation in flight is resubmitted with
 * the same {@code src}/{@code seq}, and its own operation coming back (in the catch-up or broadcast) counts as its
 * acknowledgement, as ShareDB's client does.
 */
public final class CollabClient implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private java.util.function.Consumer<String> out;
    private Runnable closer;
    /** Counts connections: messages and closes of an abandoned one are ignored. */
    private int generation;
    private boolean connected = true;
    /** The seqs of this client's operations the server sequenced (each counted once, however it learnt it). */
    private final java.util.Set<Long> sequenced = new java.util.HashSet<>();
    /** What went wrong in following the document, if anything. */
    private String problem;
    private Runnable pauseReading = () -> { };
    private final List<JsonNode> received = new ArrayList<>();
    private final List<JsonNode> everything = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final String source = "client-" + UUID.randomUUID();

    // The document as this client sees it (guarded by this).
    private String text;
    private long version = -1;
    private String epoch;
    private long seq;
    private TextOperation inflight;
    private long inflightSeq;
    private TextOperation pending;
    /** The operation in flight as it was first submitted, and the version it was made against. */
    private List<Object> inflightAsSent;
    private long inflightBase;

    /** A client over any transport: {@code out} sends a text message, {@code closer} closes the transport. */
    public CollabClient(java.util.function.Consumer<String> out, Runnable closer) {
        this.out = out;
        this.closer = closer;
    }

    static CollabClient connect(Vertx vertx, URI base, UUID document) {
        CollabClient c = new CollabClient(m -> { }, () -> { });
        c.open(vertx, base, document);
        return c;
    }

    /** Opens a new WebSocket to {@code base} and makes it this client's transport. */
    private void open(Vertx vertx, URI base, UUID document) {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocket socket;
        try {
            socket = client.connect(new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI("/collab/" + document))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException("could not connect to " + base + "collab/" + document, e);
        }
        int mine;
        synchronized (this) {
            mine = ++generation;
            connected = true;
            out = socket::writeTextMessage;
            closer = () -> {
                if (!socket.isClosed()) {
                    socket.close();
                }
                client.close();
            };
            pauseReading = socket::pause;
        }
        socket.textMessageHandler(m -> receiveOn(mine, m));
        socket.closeHandler(v -> {
            if (current(mine)) {
                synchronized (this) {
                    connected = false;
                }
                closedWith(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode());
            }
        });
    }

    private synchronized boolean current(int connection) {
        return connection == generation && connected;
    }

    /** A message from connection number {@code connection}: ignored once that connection was given up (checked under the lock, so a late message of an old connection can never land after the new one's joined). */
    private synchronized void receiveOn(int connection, String message) {
        if (current(connection)) {
            receive(message);
        }
    }

    /**
     * Loses the connection abruptly, as a network failure would: nothing more is received from it, edits go on
     * locally and wait for {@link #reconnect}.
     */
    public void disconnect() {
        Runnable close;
        synchronized (this) {
            connected = false;
            close = closer;
        }
        close.run();
    }

    /**
     * Connects again (to {@code base}: the same replica or another), joins with the epoch and version it holds, takes
     * the operations it missed and resubmits the one in flight with the same {@code src}/{@code seq}.
     */
    public void reconnect(Vertx vertx, URI base, UUID document, String token) {
        open(vertx, base, document);
        String e;
        long v;
        synchronized (this) {
            e = epoch;
            v = version;
        }
        send("type", "auth", "token", token, "epoch", e, "v", v);
        await("joined");
    }

    /** Null, or why this client could not follow the document. */
    public synchronized String problem() {
        return problem;
    }

    public synchronized boolean connected() {
        return connected;
    }

    /** How many of this client's operations the server sequenced. */
    public synchronized int sequencedCount() {
        return sequenced.size();
    }

    /** Connects, authenticates and waits for the joined message. */
    static CollabClient join(Vertx vertx, URI base, UUID document, String token) {
        CollabClient c = connect(vertx, base, document);
        c.send("type", "auth", "token", token);
        c.await("joined");
        return c;
    }

    public void send(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        sendRaw(write(m));
    }

    void sendRaw(String text) {
        java.util.function.Consumer<String> to;
        synchronized (this) {
            to = out;
        }
        to.accept(text);
    }

    /** Stops reading from the socket, as a client too slow to keep up would. */
    void pauseReading() {
        pauseReading.run();
    }

    /** The transport was closed with this code. */
    public void closedWith(int code) {
        closed.complete(code);
    }

    /** A text message from the server. */
    public synchronized void receive(String message) {
        JsonNode m;
        try {
            m = JSON.readTree(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        received.add(m);
        everything.add(m);
        switch (m.path("type").asText()) {
            case "joined" -> {
                boolean rejoin = text != null;
                if (rejoin && inflight != null) {
                    // As ShareDB's client does: the operation in flight goes again at once, as first sent (same
                    // src/seq, same base version), before the catch-up is read. If the server had sequenced it, it
                    // acknowledges it without applying it again, and the catch-up already holds it.
                    send("type", "op", "v", inflightBase, "op", inflightAsSent, "src", source, "seq", inflightSeq);
                }
                if (m.has("snapshot")) {
                    if (rejoin && (inflight != null || pending != null || !m.get("epoch").asText().equals(epoch) || version != m.get("v").asLong())) {
                        // This client cannot rebase its edits on a snapshot: a test that reconnects must not get one.
                        problem = "rejoined with a snapshot instead of the operations since v" + version + ": " + m;
                        notifyAll();
                        return;
                    }
                    text = m.get("snapshot").asText();
                    version = m.get("v").asLong() - m.get("ops").size();
                }
                epoch = m.get("epoch").asText();
                for (JsonNode op : m.get("ops")) {
                    incoming(op);
                }
                version = m.get("v").asLong();
            }
            case "op" -> incoming(m);
            case "ack" -> {
                if (inflight != null && m.get("seq").asLong() == inflightSeq && source.equals(m.path("src").asText(source))) {
                    acknowledged(m.get("v").asLong());
                }
                // Otherwise the ack of a resubmission already learnt from the operation itself.
            }
            default -> { }
        }
        notifyAll();
    }

    private void acknowledged(long v) {
        sequenced.add(inflightSeq);
        version = v + 1;
        inflight = null;
        if (pending != null) {
            inflight = pending;
            pending = null;
            submitInflight();
        }
    }

    private void incoming(JsonNode m) {
        if (text == null) {
            return;
        }
        if (inflight != null && source.equals(m.path("src").asText()) && m.path("seq").asLong() == inflightSeq) {
            // Our own operation, sequenced before a reconnect: it is the acknowledgement.
            acknowledged(m.get("v").asLong());
            return;
        }
        TextOperation op = TextOperation.fromJson(JSON.convertValue(m.get("op"), List.class));
        if (inflight != null) {
            TextOperation server = TextOperation.transform(op, inflight, Side.RIGHT);
            inflight = TextOperation.transform(inflight, op, Side.LEFT);
            op = server;
        }
        if (pending != null) {
            TextOperation server = TextOperation.transform(op, pending, Side.RIGHT);
            pending = TextOperation.transform(pending, op, Side.LEFT);
            op = server;
        }
        text = op.apply(text);
        version = m.get("v").asLong() + 1;
    }

    /** Applies a local edit and sends it (or composes it into what waits for the one in flight). */
    public synchronized void edit(TextOperation op) {
        text = op.apply(text);
        if (inflight == null) {
            inflight = op;
            submitInflight();
        } else {
            pending = pending == null ? op : TextOperation.compose(pending, op);
        }
    }

    /** Makes an edit from the text as it is at this moment (no incoming operation can slip in between). */
    public synchronized void edit(java.util.function.Function<String, TextOperation> make) {
        edit(make.apply(text));
    }

    private void submitInflight() {
        inflightSeq = ++seq;
        inflightBase = version;
        inflightAsSent = inflight.toJson();
        if (connected) {
            send("type", "op", "v", inflightBase, "op", inflightAsSent, "src", source, "seq", inflightSeq);
        }
    }

    public synchronized String text() {
        return text;
    }

    public synchronized long version() {
        return version;
    }

    public synchronized String epoch() {
        return epoch;
    }

    public synchronized boolean settled() {
        return inflight == null && pending == null;
    }

    /** The operation in flight, if any (tests resubmit it by hand). */
    synchronized String inflightDescription() {
        return inflight == null ? "none" : "seq " + inflightSeq + " " + inflight.toJson() + ", pending " + (pending == null ? "none" : pending.toJson());
    }

    /** The first message of this type not yet taken by an earlier await, waiting for it. */
    public JsonNode await(String type) {
        return await(type, m -> true);
    }

    synchronized JsonNode await(String type, Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (int i = 0; i < received.size(); i++) {
                JsonNode m = received.get(i);
                if (m != null && type.equals(m.path("type").asText()) && matching.test(m)) {
                    received.set(i, null);
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no '" + type + "' message within " + WAIT + "; received: " + received + ", closed: " + closed.getNow(null));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Every message of this type received so far, taken by an await or not. */
    synchronized List<JsonNode> all(String type) {
        return everything.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** The close code the server closed with, waiting for it. */
    int closeCode() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("not closed within " + WAIT + "; received: " + received);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        Runnable close;
        synchronized (this) {
            close = closer;
        }
        close.run();
    }

    private static String write(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
