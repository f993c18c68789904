package app.knowledgenetwork.apigateway.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops sending requests to a service that keeps failing. After {@code threshold} consecutive failures it
 * opens: requests are refused at once (503) for {@code openFor}; then one trial request goes through, and
 * its outcome closes the breaker or opens it again. A failure is the service's silence (refused, reset,
 * timed out), not an error status it chose to answer with.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier clock;

    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor, LongSupplier nanoClock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("breaker threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.clock = nanoClock;
    }

    public CircuitBreaker(int threshold, Duration openFor) {
        this(threshold, openFor, System::nanoTime);
    }

    /** Whether a request may go to the service now. */
    public synchronized boolean allow() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= openForNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void succeeded() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    public synchronized void failed() {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
            trialInFlight = false;
        }
    }

    /** Seconds until a trial request will be let through (for Retry-After), at least 1. */
    public synchronized long secondsUntilTrial() {
        long left = openForNanos - (clock.getAsLong() - openedAt);
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    public synchronized State state() {
        return state;
    }
}
