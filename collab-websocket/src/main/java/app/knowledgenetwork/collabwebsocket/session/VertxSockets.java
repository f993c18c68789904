package app.knowledgenetwork.collabwebsocket.session;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;

/**
 * The Vert.x WebSocket under a WebSockets Next connection. WebSockets Next has no public way to send one pre-encoded
 * frame to many connections; its connections hold the Vert.x socket behind a package-private accessor
 * ({@code WebSocketConnectionBase.webSocket()}), read here once per connection. If a Quarkus upgrade moves it, every
 * connection falls back to {@code sendText} (slower, same behaviour) and the start log says so.
 */
final class VertxSockets {
    private static final Logger LOG = Logger.getLogger(VertxSockets.class);
    private static final Class<?> BASE;
    private static final MethodHandle WEB_SOCKET;

    static {
        Class<?> base = null;
        MethodHandle handle = null;
        try {
            base = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase", false, WebSocketConnection.class.getClassLoader());
            Method m = base.getDeclaredMethod("webSocket");
            m.setAccessible(true);
            handle = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(WebSocketBase.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("WebSockets Next's Vert.x socket is not reachable (%s): messages go through sendText, encoded per recipient", e.toString());
            base = null;
            handle = null;
        }
        BASE = base;
        WEB_SOCKET = handle;
    }

    private VertxSockets() {
    }

    /** The Vert.x socket of {@code connection}, or null. */
    static WebSocketBase of(WebSocketConnection connection) {
        if (WEB_SOCKET == null || !BASE.isInstance(connection)) {
            return null;
        }
        try {
            return (WebSocketBase) WEB_SOCKET.invokeExact((Object) connection);
        } catch (Throwable e) {
            return null;
        }
    }
}
