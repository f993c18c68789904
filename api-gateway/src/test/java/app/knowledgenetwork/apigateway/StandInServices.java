package app.knowledgenetwork.apigateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Small Vert.x servers on loopback standing in for the services behind the gateway: one that echoes
 * what it received (HTTP and WebSocket), one whose readiness can be switched down, one that never
 * answers (and one more whose cancelled requests are counted), one that closes a kept-alive connection
 * under the next request sent on it, one that lists what it answered, and one port where nothing listens.
 */
public class StandInServices implements QuarkusTestResourceLifecycleManager {

    /** Whether the stand-in knowledge-api reports itself ready. */
    public static final AtomicBoolean KNOWLEDGE_API_READY = new AtomicBoolean(true);
    /** Requests the never-answering "abandoned_service" has seen, and how many the gateway then cancelled. */
    public static final AtomicInteger ABANDONED_SEEN = new AtomicInteger();
    public static final AtomicInteger ABANDONED_CANCELLED = new AtomicInteger();
    /**
     * The "slow_ws_service" holds each WebSocket upgrade until the test calls {@link #SLOW_WS_ACCEPT}: the upgrades it
     * has seen, and the WebSockets it then opened and saw closed.
     */
    public static final AtomicInteger SLOW_WS_SEEN = new AtomicInteger();
    public static final AtomicInteger SLOW_WS_OPENED = new AtomicInteger();
    public static final AtomicInteger SLOW_WS_CLOSED = new AtomicInteger();
    public static final AtomicReference<Runnable> SLOW_WS_ACCEPT = new AtomicReference<>();
    /** The paths of the requests the "counted_service" answered. */
    public static final List<String> COUNTED_PATHS = new CopyOnWriteArrayList<>();
    /** Requests the "dropping_service" has seen, by method: it answers only a connection's first request. */
    public static final Map<String, AtomicInteger> DROPPING_SEEN = new ConcurrentHashMap<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int echo = listen(this::echo);
        int hanging = listen(request -> { /* never answers */ });
        int knowledgeHealth = listen(request -> readiness(request, KNOWLEDGE_API_READY.get()));
        int health = listen(request -> readiness(request, true));
        int down = freePort();
        int abandoned = listen(request -> {
            ABANDONED_SEEN.incrementAndGet();
            request.connection().closeHandler(v -> ABANDONED_CANCELLED.incrementAndGet());
        });
        Set<HttpConnection> answered = ConcurrentHashMap.newKeySet();
        int dropping = listen(request -> {
            DROPPING_SEEN.computeIfAbsent(request.method().name(), m -> new AtomicInteger()).incrementAndGet();
            if (answered.add(request.connection())) {
                request.response().end("answered on a new connection");
            } else {
                // What a server does to a connection it kept idle long enough, as the next request arrives.
                request.connection().close();
            }
        });
        int counted = listen(request -> {
            COUNTED_PATHS.add(request.path());
            request.response().end("counted");
        });
        int slowWebSockets = listen(request -> {
            request.pause();
            var context = vertx.getOrCreateContext();
            SLOW_WS_ACCEPT.set(() -> context.runOnContext(v -> request.toWebSocket().onSuccess(ws -> {
                SLOW_WS_OPENED.incrementAndGet();
                ws.closeHandler(closed -> SLOW_WS_CLOSED.incrementAndGet());
            })));
            SLOW_WS_SEEN.incrementAndGet();
        });
        int jwks = listen(request -> request.response().putHeader("Content-Type", "application/json")
                .end(TestTokens.jwks()));

        Map<String, String> config = new HashMap<>();
        service(config, "knowledge_api", echo, knowledgeHealth);
        config.put("kn.gateway.services.knowledge_api.critical", "true");
        service(config, "sync_service", echo, health);
        service(config, "collab_websocket", echo, health);
        service(config, "search_indexer", echo, hanging);
        service(config, "keep_extractor", echo, health);
        service(config, "notion_writer", down, down);
        int frontend = listen(FrontendStandIn::handle);
        service(config, "frontend", frontend, frontend);
        config.put("kn.gateway.services.frontend.health-url", "http://127.0.0.1:" + frontend + "/");
        service(config, "hanging_service", hanging, health);
        config.put("kn.gateway.services.hanging_service.timeout", "500ms");
        service(config, "down_service", down, health);
        config.put("kn.gateway.services.down_service.breaker-failures", "3");
        config.put("kn.gateway.services.down_service.breaker-open-for", "1h");
        service(config, "abandoned_service", abandoned, health);
        config.put("kn.gateway.services.abandoned_service.breaker-failures", "3");
        config.put("kn.gateway.services.abandoned_service.breaker-open-for", "1h");
        service(config, "dropping_service", dropping, health);
        config.put("kn.gateway.services.dropping_service.breaker-failures", "100");
        route(config, "dropping", "/test/dropping/*", "dropping_service");
        service(config, "slow_ws_service", slowWebSockets, health);
        route(config, "slow-ws", "/test/slow-ws/*", "slow_ws_service");
        service(config, "counted_service", counted, health);
        // Long, so that an upstream request left hanging would show for longer than the test waits.
        config.put("kn.gateway.services.counted_service.timeout", "60s");
        route(config, "counted", "/test/counted/*", "counted_service");
        route(config, "abandoned", "/test/abandoned/*", "abandoned_service");
        route(config, "hanging", "/test/hanging/*", "hanging_service");
        route(config, "down", "/test/down/*", "down_service");
        config.put("kn.gateway.health.timeout", "1s");
        config.put("mp.jwt.verify.publickey.location", "http://127.0.0.1:" + jwks + "/.well-known/jwks.json");
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        return config;
    }

    private static void route(Map<String, String> config, String name, String path, String service) {
        config.put("kn.gateway.routes." + name + ".path", path);
        config.put("kn.gateway.routes." + name + ".service", service);
    }

    private static void service(Map<String, String> config, String name, int port, int healthPort) {
        config.put("kn.gateway.services." + name + ".url", "http://127.0.0.1:" + port);
        config.put("kn.gateway.services." + name + ".health-url", "http://127.0.0.1:" + healthPort + "/q/health/ready");
    }

    /** Answers with what arrived, as JSON: method, path, the headers the gateway sets, the body. */
    private void echo(HttpServerRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            String path = request.path();
            String requestId = request.getHeader("X-Request-Id");
            request.toWebSocket().onSuccess(ws -> ws.textMessageHandler(text ->
                    ws.writeTextMessage(path + " " + requestId + " " + text)));
            return;
        }
        request.body().onSuccess(body -> {
            if (request.path().equals("/graphql") && body.toString().contains("\"operationName\":\"Console")) {
                request.response().putHeader("Content-Type", "application/json")
                        .end(KnowledgeApiStandIn.answer(body.toJsonObject(), request.getHeader("Authorization")).encode());
                return;
            }
            if ("kn-admin-console".equals(request.getHeader("User-Agent")) && request.path().startsWith("/api/v1/sync/")) {
                SyncServiceStandIn.answer(request, body.toString());
                return;
            }
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("method", request.method().name())
                            .put("uri", request.uri())
                            .put("headers", headers)
                            .put("body", body.toString())
                            .encode());
        });
    }

    private static void readiness(HttpServerRequest request, boolean up) {
        String status = up ? "UP" : "DOWN";
        request.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", status).put("checks", new JsonArray()
                        .add(new JsonObject().put("name", "Database connections health check").put("status", status))
                        .add(new JsonObject().put("name", "Redis").put("status", "UP"))).encode());
    }

    private int listen(io.vertx.core.Handler<HttpServerRequest> handler) {
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(handler)
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return server.actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("stand-in server did not start", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
