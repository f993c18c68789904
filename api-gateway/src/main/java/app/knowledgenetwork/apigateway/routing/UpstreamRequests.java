package app.knowledgenetwork.apigateway.routing;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Upstream requests whose late reset cannot break another request. vertx-http-proxy resets the upstream
 * request whenever the client's side fails (the browser cancelled, or went away while the answer was being
 * written), also when the upstream exchange has already ended on the wire. Vert.x 4.5 then closes the
 * request's HTTP/1.1 connection, which by that time is back in the pool and may carry the next request:
 * that request failed as a 502 "Connection was closed" (a navigation cancelling one page's requests took a
 * script chunk of the next page down, and the page with it). A reset is passed on only while the request is
 * the newest its connection has carried; without pipelining a connection carries one exchange at a time, so
 * a newer one means this exchange has ended and there is nothing left to cancel.
 */
final class UpstreamRequests {

    /** Per connection, how many requests it has been given. Weak: a closed connection leaves with its entry. */
    private final Map<HttpConnection, AtomicLong> carried = Collections.synchronizedMap(new WeakHashMap<>());

    /** The request as the proxy should hold it: everything passed through, a stale reset dropped. */
    HttpClientRequest guard(HttpClientRequest request) {
        AtomicLong count = carried.computeIfAbsent(request.connection(), c -> new AtomicLong());
        long mine = count.incrementAndGet();
        return (HttpClientRequest) Proxy.newProxyInstance(HttpClientRequest.class.getClassLoader(),
                new Class<?>[] {HttpClientRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("reset") && count.get() != mine) {
                        return false;
                    }
                    try {
                        Object result = method.invoke(request, args);
                        // Fluent calls keep returning the guard, so a chained reset is guarded too.
                        return result == request ? proxy : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
