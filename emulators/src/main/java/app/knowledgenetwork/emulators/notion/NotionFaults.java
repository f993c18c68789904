package app.knowledgenetwork.emulators.notion;

import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;

/** Failures a test asks for: the next N API requests answer 409, 429, 500 or 503, or answer late. */
@Singleton
public class NotionFaults {

    /** One queued fault: an HTTP status (0 = none, only a delay), a delay, and Retry-After for 429. */
    public record Fault(int status, long delayMillis, long retryAfterSeconds) {
    }

    private final Deque<Fault> queue = new ArrayDeque<>();

    public synchronized void add(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
    }

    public synchronized Fault next() {
        return queue.pollFirst();
    }

    public synchronized void reset() {
        queue.clear();
    }

    static NotionError errorFor(Fault fault) {
        return switch (fault.status()) {
            case 409 -> new NotionError(409, "conflict_error", "Conflict occurred while saving. Please try again.");
            case 429 -> new NotionError(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.")
                    .header("Retry-After", Long.toString(fault.retryAfterSeconds()));
            case 500 -> new NotionError(500, "internal_server_error", "Unexpected error occurred.");
            case 503 -> new NotionError(503, "service_unavailable", "Notion is unavailable, please try again later.");
            default -> new NotionError(fault.status(), "internal_server_error", "Injected failure.");
        };
    }
}
