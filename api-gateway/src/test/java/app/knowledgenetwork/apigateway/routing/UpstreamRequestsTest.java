package app.knowledgenetwork.apigateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.apigateway.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the proxy does when a client goes away, against a real Vert.x client and server: a keep-alive pool of
 * one connection, so the second request is carried by the connection the first one used.
 */
class UpstreamRequestsTest {

    private final UpstreamRequests requests = new UpstreamRequests();
    private final AtomicReference<Promise<Void>> heldRelease = new AtomicReference<>();
    private final CompletableFuture<Void> upstreamSawClose = new CompletableFuture<>();
    private Vertx vertx;
    private HttpClient client;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/held")) {
                Promise<Void> release = Promise.promise();
                heldRelease.set(release);
                request.connection().closeHandler(v -> upstreamSawClose.complete(null));
                release.future().onSuccess(v -> request.response().end("held answer"));
            } else {
                request.response().end("quick answer");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(1));
    }

    @AfterEach
    void stop() {
        vertx.close();
    }

    /** The proxy resets a request whose client went away late, after its answer had come: the next one lives. */
    @Test
    void aResetOfAFinishedExchangeLeavesTheNextRequestOnItsConnectionAlone() throws Exception {
        HttpClientRequest first = guarded("/quick");
        assertEquals("quick answer", first.send().compose(response -> response.body()).map(Object::toString)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

        HttpClientRequest second = guarded("/held");
        assertSame(first.connection(), second.connection(), "the pool of one hands out the same connection");
        Future<String> secondAnswer = second.send().compose(response -> response.body()).map(Object::toString);
        awaitHeld();

        resetOnItsContext(first);
        Promise<Void> release = heldRelease.get();
        vertx.runOnContext(v -> release.complete());
        assertEquals("held answer", secondAnswer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    /** A reset while the answer is still awaited cancels it: the service sees its connection closed. */
    @Test
    void aResetOfAnExchangeStillInFlightCancelsIt() throws Exception {
        HttpClientRequest held = guarded("/held");
        Future<?> answer = held.send();
        awaitHeld();

        assertTrue(resetOnItsContext(held), "the reset was passed on");
        upstreamSawClose.get(10, TimeUnit.SECONDS);
        assertTrue(answer.toCompletionStage().toCompletableFuture().handle((r, failure) -> failure != null)
                .get(10, TimeUnit.SECONDS), "the cancelled request fails");
    }

    private HttpClientRequest guarded(String path) throws Exception {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(path))
                .map(requests::guard)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void awaitHeld() throws InterruptedException {
        Eventually.await(() -> heldRelease.get() != null, () -> "the held request never reached the service");
    }

    /** Resets as vertx-http-proxy does, from the event loop; whether the reset was passed on. */
    private boolean resetOnItsContext(HttpClientRequest request) throws Exception {
        CompletableFuture<Boolean> passedOn = new CompletableFuture<>();
        vertx.runOnContext(v -> passedOn.complete(request.reset()));
        return passedOn.get(10, TimeUnit.SECONDS);
    }
}
