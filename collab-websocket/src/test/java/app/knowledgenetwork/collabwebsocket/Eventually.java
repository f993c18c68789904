package app.knowledgenetwork.collabwebsocket;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: tests never sleep for time to pass. */
public final class Eventually {
    private Eventually() {
    }

    public static void holds(String what, Duration within, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + " (last attempt failed: " + e + ")", e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }
}
