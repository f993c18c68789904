package app.knowledgenetwork.apigateway;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicInteger;

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
}
