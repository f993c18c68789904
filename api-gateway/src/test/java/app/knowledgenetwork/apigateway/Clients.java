package app.knowledgenetwork.apigateway;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Requests as distinct clients behind the (trusted, loopback) load balancer, so one test's requests
 * never spend another's rate-limit budget.
 */
public final class Clients {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 50_000));

    private Clients() {
    }

    /** A fresh client address in 100.64.0.0/10 (shared address space, never one of ours). */
    public static String freshAddress() {
        int n = NEXT.incrementAndGet();
        return "100." + (64 + (n >> 16 & 63)) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    public static RequestSpecification fresh() {
        return RestAssured.given().header("X-Forwarded-For", freshAddress()).redirects().follow(false);
    }

    /** GETs {@code path} from {@code count} fresh clients at once (each on its own connection), answers in order. */
    public static List<HttpResponse<String>> burst(int count, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
        List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, count)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(uri).header("X-Forwarded-For", freshAddress()).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        return sent.stream().map(CompletableFuture::join).toList();
    }
}
