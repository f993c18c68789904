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
 * operation, incoming operations transformed against both).
 */
public final class CollabClient implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final java.util.function.Consumer<String> out;
    private final Runnable closer;
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

    /** A client over any transport: {@code out} sends a text message, {@code closer} closes the transport. */
    public CollabClient(java.util.function.Consumer<String> out, Runnable closer) {
        this.out = out;
        this.closer = closer;
    }

    static CollabClient connect(Vertx vertx, URI base, UUID document) {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocket socket = client.connect(new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI("/collab/" + document))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            CollabClient c = new CollabClient(socket::writeTextMessage, () -> {
                if (!socket.isClosed()) {
                    socket.close();
                }
                client.close();
            });
            c.pauseReading = socket::pause;
            socket.textMessageHandler(c::receive);
            socket.closeHandler(v -> c.closedWith(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode()));
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("could not connect to /collab/" + document, e);
        }
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
        out.accept(text);
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
                epoch = m.get("epoch").asText();
                if (m.has("snapshot")) {
                    text = m.get("snapshot").asText();
                    version = m.get("v").asLong() - m.get("ops").size();
                }
                for (JsonNode op : m.get("ops")) {
                    incoming(op);
                }
                version = m.get("v").asLong();
            }
            case "op" -> incoming(m);
            case "ack" -> {
                version = m.get("v").asLong() + 1;
                inflight = null;
                if (pending != null) {
                    inflight = pending;
                    pending = null;
                    submitInflight();
                }
            }
            default -> { }
        }
        notifyAll();
    }

    private void incoming(JsonNode m) {
        if (text == null) {
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

    private void submitInflight() {
        inflightSeq = ++seq;
        send("type", "op", "v", version, "op", inflight.toJson(), "src", source, "seq", inflightSeq);
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
        closer.run();
    }

    private static String write(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
