package app.knowledgenetwork.apigateway.routing;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Upstream requests as the proxy should hold them, correcting two things vertx-http-proxy does with them.
 * <ul>
 * <li>It resets the upstream request whenever the client's side fails (the browser cancelled, or went away while the
 * answer was being written), also when the upstream exchange has already ended on the wire. Vert.x 4.5 then closes the
 * request's HTTP/1.1 connection, which by that time is back in the pool and may carry the next request: that request
 * failed as a 502 "Connection was closed" (a navigation cancelling one page's requests took a script chunk of the next
 * page down, and the page with it). A reset is passed on only while the request is the newest its connection has
 * carried; without pipelining a connection carries one exchange at a time, so a newer one means this exchange has
 * ended and there is nothing left to cancel ({@link #guard}).</li>
 * <li>It turns the service's 101 into a tunnel without looking at the client first: a client gone during the upgrade
 * made it throw (an uncaught {@code NoSuchElementException: httpDecoder}) and left the service's WebSocket open, a user
 * still present as far as the service knew. Such an upgrade's service connection is closed as its 101 arrives, and the
 * upgrade fails ({@link #upgrade}).</li>
 * </ul>
 */
final class UpstreamRequests {

    /** What an intercepted call returns, or null to let it through. */
    private interface Interception {
        Object apply(Method method, Object[] args);
    }

    /** Per connection, how many requests it has been given. Weak: a closed connection leaves with its entry. */
    private final Map<HttpConnection, AtomicLong> carried = Collections.synchronizedMap(new WeakHashMap<>());

    /** An HTTP request as the proxy should hold it: everything passed through, a stale reset dropped. */
    HttpClientRequest guard(HttpClientRequest request) {
        AtomicLong count = carried.computeIfAbsent(request.connection(), c -> new AtomicLong());
        long mine = count.incrementAndGet();
        return intercepted(request, (method, args) ->
                method.getName().equals("reset") && count.get() != mine ? Boolean.FALSE : null);
    }

    /** A WebSocket upgrade of {@code client}'s as the proxy should hold it: not tunnelled once the client is gone. */
    static HttpClientRequest upgrade(HttpClientRequest request, HttpServerRequest client) {
        return intercepted(request, (method, args) -> {
            if (!method.getName().equals("connect") || (args != null && args.length > 0)) {
                return null;
            }
            return request.connect().compose(response -> {
                if (!client.response().closed()) {
                    return Future.succeededFuture(response);
                }
                response.exceptionHandler(closed -> { }); // the close is ours: not an error to log
                request.connection().close();
                return Future.failedFuture(new HttpClosedException("the client closed its connection during the upgrade"));
            });
        });
    }

    private static HttpClientRequest intercepted(HttpClientRequest request, Interception interception) {
        return (HttpClientRequest) Proxy.newProxyInstance(HttpClientRequest.class.getClassLoader(),
                new Class<?>[] {HttpClientRequest.class}, (proxy, method, args) -> {
                    Object intercepted = interception.apply(method, args);
                    if (intercepted != null) {
                        return intercepted;
                    }
                    try {
                        Object result = method.invoke(request, args);
                        // Fluent calls keep returning the wrapper, so a chained call is intercepted too.
                        return result == request ? proxy : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
