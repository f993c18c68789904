package app.knowledgenetwork.emulators.notion;

import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Failures a test asks for: the next N API requests answer 409, 429, 500, 503 or 504 (after an optional
 * delay, changing nothing, or — {@code takesEffect} — carried out first, as a request that ran past
 * Notion's time limit may be), or are slow: carried out, with the answer held back.
 */
@Singleton
public class NotionFaults {

    /**
     * One queued fault: an HTTP status (0 = none, only a slow answer), a delay, Retry-After for 429, the
     * requests it waits for ({@code "POST /pages"}: method and path prefix under {@code /v1}; null: any),
     * and whether the request is carried out before the error is answered ({@code takesEffect}).
     */
    public record Fault(int status, long delayMillis, long retryAfterSeconds, String request, boolean takesEffect) {

        public Fault(int status, long delayMillis, long retryAfterSeconds, String request) {
            this(status, delayMillis, retryAfterSeconds, request, false);
        }

        public Fault(int status, long delayMillis, long retryAfterSeconds) {
            this(status, delayMillis, retryAfterSeconds, null, false);
        }

        boolean matches(String method, String path) {
            if (request == null || request.isBlank()) {
                return true;
            }
            String[] parts = request.trim().split("\\s+", 2);
            return parts.length == 2 && parts[0].equalsIgnoreCase(method) && path.startsWith(parts[1]);
        }
    }

    /**
     * What becomes of the answer of a request that is carried out: held back {@code delayMillis}, and
     * replaced by {@code replacement} when it is not null (a request that took effect, answered with an error).
     */
    record HeldAnswer(long delayMillis, NotionError replacement) {
    }

    private final Deque<Fault> queue = new ArrayDeque<>();
    /** The held answer of the request this thread serves; see {@link NotionSlowAnswers}. */
    private final ThreadLocal<HeldAnswer> heldAnswer = new ThreadLocal<>();

    public synchronized void add(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
    }

    /** The first queued fault for this request ({@code path} under {@code /v1}, e.g. {@code /pages}), taken off the queue. */
    public synchronized Fault next(String method, String path) {
        for (var it = queue.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.matches(method, path)) {
                it.remove();
                return fault;
            }
        }
        return null;
    }

    void holdAnswer(HeldAnswer answer) {
        heldAnswer.set(answer);
    }

    /** The held answer set for this thread's request (null: none), cleared as it is read. */
    HeldAnswer takeHeldAnswer() {
        HeldAnswer answer = heldAnswer.get();
        heldAnswer.remove();
        return answer;
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
            case 504 -> new NotionError(504, "gateway_timeout", "Notion timed out while processing the request.");
            default -> new NotionError(fault.status(), "internal_server_error", "Injected failure.");
        };
    }
}
