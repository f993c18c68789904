package app.knowledgenetwork.apigateway;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for what another thread or process does soon: polls a condition until it holds, failing after 10 s. */
public final class Eventually {

    private Eventually() {
    }

    /** Returns once {@code condition} holds; otherwise fails with {@code whatIsMissing}, asked at the deadline. */
    public static void await(BooleanSupplier condition, Supplier<String> whatIsMissing) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(whatIsMissing.get());
            }
            Thread.sleep(5);
        }
    }
}
