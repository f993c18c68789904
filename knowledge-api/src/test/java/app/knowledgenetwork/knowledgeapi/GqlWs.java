package app.knowledgenetwork.knowledgeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A GraphQL-over-WebSocket client speaking graphql-transport-ws (the protocol of the npm graphql-ws library) to the
 * running service, as a browser or Node client would. Messages are read with a deadline, never by sleeping.
 */
public final class GqlWs implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    private GqlWs(String headerToken) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws");
        if (headerToken != null) {
            builder.header("Authorization", "Bearer " + headerToken);
        }
        URI uri = URI.create("ws://localhost:" + RestAssured.port + "/graphql");
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        received.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        received.add(JSON.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                received.add(JSON.createObjectNode().put("type", "closed").put("code", statusCode).put("reason", reason));
                return null;
            }
        }).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Connects and authenticates in the connection_init payload (null: anonymous). */
    public static GqlWs connect(String token) {
        GqlWs ws = open(token);
        ws.expect("connection_ack");
        return ws;
    }

    /** Connects and sends connection_init with the token in its payload, without waiting for the answer. */
    public static GqlWs open(String token) {
        GqlWs ws = new GqlWs(null);
        ws.send(token == null ? Map.of("type", "connection_init") : Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        return ws;
    }

    /** Connects with the token in the Authorization header of the upgrade request. */
    public static GqlWs connectWithHeader(String token) {
        GqlWs ws = new GqlWs(token);
        ws.send(Map.of("type", "connection_init"));
        ws.expect("connection_ack");
        return ws;
    }

    /** The HTTP status with which the server refuses a WebSocket upgrade carrying this token in its header. */
    public static int refusedUpgradeStatus(String headerToken) {
        try {
            new GqlWs(headerToken).close();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        return fail("the upgrade was accepted");
    }

    public void subscribe(String operationId, String query, Map<String, Object> variables) {
        send(Map.of("type", "subscribe", "id", operationId, "payload", Map.of("query", query, "variables", variables)));
    }

    public void stop(String operationId) {
        send(Map.of("type", "complete", "id", operationId));
    }

    /** The next message, skipping pings (answered); fails after {@link #WAIT}. */
    public JsonNode next() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode message;
            try {
                message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (message == null) {
                return fail("no message within " + WAIT.toSeconds() + " s");
            }
            if ("ping".equals(message.path("type").asText())) {
                send(Map.of("type", "pong"));
                continue;
            }
            return message;
        }
    }

    /** The next message, which must be of this type. */
    public JsonNode expect(String type) {
        JsonNode message = next();
        assertEquals(type, message.path("type").asText(), message.toString());
        return message;
    }

    /** The payload of the next "next" message of the operation. */
    public JsonNode nextPayload(String operationId) {
        JsonNode message = expect("next");
        assertEquals(operationId, message.path("id").asText(), message.toString());
        return message.path("payload");
    }

    /** Whether a message is waiting right now (no waiting). */
    public boolean hasPending() {
        return !received.isEmpty();
    }

    private void send(Map<String, Object> message) {
        try {
            socket.sendText(JSON.writeValueAsString(message), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
