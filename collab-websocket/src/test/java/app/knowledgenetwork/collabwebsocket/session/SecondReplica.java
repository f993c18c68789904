package app.knowledgenetwork.collabwebsocket.session;

import app.knowledgenetwork.collabwebsocket.CollabClient;
import app.knowledgenetwork.collabwebsocket.CollabConfig;
import app.knowledgenetwork.collabwebsocket.access.AccessTokens;
import app.knowledgenetwork.collabwebsocket.access.Memberships;
import app.knowledgenetwork.collabwebsocket.metrics.CollabMetrics;
import app.knowledgenetwork.collabwebsocket.saving.KnowledgeApiNotices;
import app.knowledgenetwork.collabwebsocket.saving.Saver;
import app.knowledgenetwork.collabwebsocket.saving.Snapshots;
import app.knowledgenetwork.collabwebsocket.sequencing.OpLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Proxy;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A second instance of the session and sequencing layers in the same JVM, on the same Redis and PostgreSQL as the
 * application under test: its own live documents, its own Redis subscription, its own sessions. Its clients talk to
 * it through stand-in connections (the WebSocket server is the application's), so two replicas serve one document.
 */
final class SecondReplica implements AutoCloseable {
    private final Sessions sessions;
    private final LiveDocuments documents;

    SecondReplica(OpLog opLog, Snapshots snapshots, Saver saver, CollabMetrics metrics, CollabConfig config, ObjectMapper json,
                  ReactiveRedisDataSource reactive, KnowledgeApiNotices notices, AccessTokens tokens, Memberships memberships) {
        sessions = new Sessions(tokens, memberships, config, metrics, json);
        documents = new LiveDocuments(opLog, snapshots, saver, metrics, config, json, reactive, notices, sessions,
                io.quarkus.arc.Arc.container().instance(io.vertx.core.Vertx.class).get());
        sessions.documents = documents;
        documents.start(null);
        sessions.start(null);
    }

    /** A client connected to this replica, authenticated with {@code token}, joined. */
    CollabClient join(UUID document, String token) {
        String id = "second-" + UUID.randomUUID();
        AtomicBoolean open = new AtomicBoolean(true);
        CollabClient[] client = new CollabClient[1];
        WebSocketConnection[] connection = new WebSocketConnection[1];
        Runnable closeTransport = () -> {
            if (open.compareAndSet(true, false)) {
                sessions.closed(connection[0]);
            }
        };
        connection[0] = (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WebSocketConnection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "pathParam" -> document.toString();
                    case "isOpen" -> open.get();
                    case "sendText" -> {
                        if (open.get()) {
                            client[0].receive((String) args[0]);
                        }
                        yield Uni.createFrom().voidItem();
                    }
                    case "close" -> {
                        int code = args != null && args.length == 1 && args[0] instanceof CloseReason reason ? reason.getCode() : 1000;
                        if (open.get()) {
                            client[0].closedWith(code);
                        }
                        closeTransport.run();
                        yield Uni.createFrom().voidItem();
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        client[0] = new CollabClient(text -> sessions.received(connection[0], text), closeTransport);
        sessions.opened(connection[0]);
        client[0].send("type", "auth", "token", token);
        client[0].await("joined");
        return client[0];
    }

    @Override
    public void close() {
        documents.stop(null);
        sessions.stop(null);
    }
}
