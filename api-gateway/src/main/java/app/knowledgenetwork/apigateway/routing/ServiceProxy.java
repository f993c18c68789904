package app.knowledgenetwork.apigateway.routing;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.edge.ClientRequest;
import app.knowledgenetwork.apigateway.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One service behind the gateway: vertx-http-proxy forwarding to it (WebSocket upgrades tunnelled), with
 * its own timeout and circuit breaker. The service's silence becomes a problem+json the client can act
 * on: 502 when it cannot be reached, 504 when it did not answer in time, 503 while the breaker is open.
 * A request without a body whose method is safe is sent once more, on another connection, when the pooled
 * connection it went out on closes before any answer: the service closing a keep-alive connection it had
 * kept idle long enough crosses the request sent on it, and nothing about that is the service's failure.
 */
final class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    /** Methods a proxy may send twice (RFC 9110, 9.2.2) that carry no content here to replay. */
    private static final Set<HttpMethod> REPLAYABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** An empty body with no Content-Length, fresh on each read, so the second attempt sends what the first did. */
    private static final Body NO_CONTENT = new Body() {
        @Override
        public long length() {
            return -1;
        }

        @Override
        public ReadStream<Buffer> stream() {
            return Body.body(Buffer.buffer()).stream();
        }
    };

    /** nginx's 499: what an access log records for a request whose client closed the connection first. */
    private static final Problem CLIENT_GONE = new Problem(499, "client-closed-request", "Client closed request",
            "The client closed the connection before the service answered");

    private final String name;
    private final String host;
    private final int port;
    private final long timeoutMillis;
    private final CircuitBreaker breaker;
    private final HttpProxy proxy;
    private final long maxBodyBytes;
    private final UpstreamRequests upstream = new UpstreamRequests();
    private final Counter clientClosed;

    ServiceProxy(String name, GatewayConfig.Downstream config, long maxBodyBytes, HttpClient client, MeterRegistry meters) {
        this.maxBodyBytes = maxBodyBytes;
        this.name = name;
        URI url = config.url();
        this.host = url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        this.timeoutMillis = config.timeout().toMillis();
        this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerOpenFor());
        this.clientClosed = Counter.builder("kn.gateway.client.closed.requests")
                .description("Requests to the service whose client closed the connection before the answer (nginx's 499): "
                        + "not the service's failure; the upstream request was cancelled or never sent")
                .tag("service", name).register(meters);
        this.proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                .origin(this::originRequest)
                .addInterceptor(new Outcome());
    }

    String name() {
        return name;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    void handle(RoutingContext rc) {
        if (!breaker.allow()) {
            rc.response().putHeader("Retry-After", Long.toString(breaker.secondsUntilTrial()));
            new Problem(503, "service-unavailable", "Service unavailable",
                    name + " is failing; requests to it are paused for a moment (circuit breaker open)").send(rc);
            return;
        }
        HttpServerRequest request = rc.request();
        if (request.response().closed()) {
            // The client left while the edge was deciding (a rate-limit lease from Redis, say). Forwarded now, the
            // request would never be sent upstream, yet hold a pooled connection until the service's timeout.
            clientGone("before it was forwarded");
            return;
        }
        forwardedHeaders(request.headers(), ClientRequest.of(rc));
        if (isUpgrade(request)) {
            // A tunnelled WebSocket skips the interceptors: its outcome is judged once it is set up.
            rc.addHeadersEndHandler(v -> {
                if (request.response().closed()) {
                    clientGone("during the WebSocket upgrade");
                } else if (request.response().getStatusCode() == 502) {
                    breaker.failed();
                } else {
                    breaker.succeeded();
                }
            });
        }
        rc.addBodyEndHandler(v -> {
            if (rc.response().getStatusCode() == 413) {
                // The rest of the oversized body is never read: the connection cannot carry another request.
                request.connection().close();
            }
        });
        proxy.handle(request);
    }

    /**
     * The client's request id and what the edge established about it. Downstreams trust the gateway's
     * X-Forwarded-For: the chain holds only what trusted hops said, then the hop that reached us.
     */
    private static void forwardedHeaders(MultiMap headers, ClientRequest client) {
        String chain = client.viaTrustedProxy() ? headers.getAll("X-Forwarded-For").stream()
                .reduce((a, b) -> a + ", " + b).orElse(null) : null;
        headers.set("X-Forwarded-For", chain == null || chain.isBlank() ? client.peer() : chain + ", " + client.peer());
        headers.set("X-Forwarded-Proto", client.proto());
        headers.set("X-Forwarded-Host", client.host());
        headers.set("X-Real-IP", client.clientAddress());
        headers.set("X-Request-Id", client.requestId());
        headers.remove("Forwarded");
    }

    private Future<io.vertx.core.http.HttpClientRequest> originRequest(ProxyContext context) {
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(port, host))
                .setHost(host)
                .setPort(port);
        HttpServerRequest client = context.request().proxiedRequest();
        if (isUpgrade(client)) {
            return context.client().request(options).map(request -> UpstreamRequests.upgrade(request, client));
        }
        // An idle limit, not a total one: a long download that keeps flowing is fine, a hang is not.
        options.setIdleTimeout(timeoutMillis);
        return context.client().request(options).compose(request -> {
            if (client.response().closed()) {
                // The client left while the connection was being set up, before the proxy listens for its leaving.
                request.reset();
                return Future.failedFuture(new HttpClosedException("the client closed the connection"));
            }
            return Future.succeededFuture(upstream.guard(request));
        });
    }

    private void clientGone(String when) {
        clientClosed.increment();
        LOG.debugf("%s: client went away %s", name, when);
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
    }

    /** Turns a failed exchange with the service into the problem the client gets, and feeds the breaker. */
    private final class Outcome implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            CappedBody capped = null;
            Body body = context.request().getBody();
            if (body != null && body.length() < 0) {
                capped = new CappedBody(body.stream(), maxBodyBytes);
                context.request().setBody(Body.body(capped, -1));
            }
            CappedBody cap = capped;
            HttpServerRequest client = context.request().proxiedRequest();
            Future<ProxyResponse> sent = context.sendRequest();
            if (replayable(client)) {
                sent = sent.recover(failure -> {
                    if (!connectionDropped(failure) || client.response().closed()) {
                        return Future.failedFuture(failure);
                    }
                    LOG.debugf("%s: the connection closed under %s %s before any answer; sending it again (%s)",
                            name, client.method(), client.path(), failure.toString());
                    context.request().setBody(NO_CONTENT);
                    // Outcome is the last interceptor, so this goes straight to the origin: a new exchange.
                    return context.sendRequest();
                });
            }
            return sent
                    .map(response -> {
                        breaker.succeeded();
                        return response;
                    })
                    .recover(failure -> {
                        if (cap != null && cap.exceeded()) {
                            // The client's fault, not the service's: the breaker is not told.
                            Problem tooLarge = new Problem(413, "body-too-large", "Request body too large",
                                    "The request body is larger than the " + maxBodyBytes + " bytes accepted");
                            return Future.succeededFuture(problemResponse(context, tooLarge, client).putHeader("Connection", "close"));
                        }
                        if (client.response().closed()) {
                            // The client went away (a cancelled navigation, a closed tab) and the proxy cancelled
                            // the upstream request: nothing the service did wrong, and nobody to answer.
                            clientGone("before the answer (" + failure + ")");
                            return Future.succeededFuture(problemResponse(context, CLIENT_GONE, client));
                        }
                        breaker.failed();
                        boolean timedOut = isTimeout(failure);
                        LOG.warnf("%s %s: %s", name, timedOut ? "timed out" : "unreachable", failure.toString());
                        Problem problem = timedOut
                                ? new Problem(504, "service-timeout", "Service timed out",
                                name + " did not answer within " + timeoutMillis + " ms")
                                : new Problem(502, "service-unreachable", "Service unreachable",
                                name + " could not be reached");
                        return Future.succeededFuture(problemResponse(context, problem, client));
                    });
        }

        private static boolean replayable(HttpServerRequest request) {
            String length = request.getHeader("Content-Length");
            return REPLAYABLE.contains(request.method()) && request.getHeader("Transfer-Encoding") == null
                    && (length == null || "0".equals(length.trim()));
        }

        /** The connection closed or was reset under the request, as opposed to refused, timed out or answered. */
        private static boolean connectionDropped(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof HttpClosedException || (t instanceof IOException && !(t instanceof ConnectException))) {
                    return true;
                }
            }
            return false;
        }

        private ProxyResponse problemResponse(ProxyContext context, Problem problem, HttpServerRequest in) {
            ProxyResponse response = context.request().release().response()
                    .setStatusCode(problem.status())
                    .setStatusMessage(problem.title())
                    .setBody(Body.body(problem.body(in.path(), in.getHeader("X-Request-Id"))));
            response.headers().clear();
            response.putHeader("Content-Type", Problem.CONTENT_TYPE);
            response.putHeader("Cache-Control", "no-store");
            return response;
        }

        private boolean isTimeout(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof TimeoutException || t instanceof io.vertx.core.impl.NoStackTraceTimeoutException) {
                    return true;
                }
            }
            return false;
        }
    }
}
