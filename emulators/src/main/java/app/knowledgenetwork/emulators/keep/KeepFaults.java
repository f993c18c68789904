package app.knowledgenetwork.emulators.keep;

import app.knowledgenetwork.emulators.google.GoogleApiError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures a test asks for — the next requests (of one kind, after letting some pass) answer a canonical
 * error, a 429 with an optional Retry-After — and what a client did with a Retry-After: a request of the
 * user that comes before it has passed is counted as {@code retry_after.early}.
 */
@ApplicationScoped
public class KeepFaults {

    /** The kind of request counted when it comes while a Retry-After given to its user still runs. */
    static final String EARLY = "retry_after.early";

    private final KeepRequestCounts counts;
    /** Queued failures, in order. */
    private final Deque<Fault> queue = new ArrayDeque<>();
    /** Per user, until when (System.nanoTime) the last Retry-After given to them runs. */
    private final Map<String, Long> retryAfterUntil = new ConcurrentHashMap<>();

    /**
     * @param passBefore matching requests still let through before this fault answers (counted down)
     */
    private static final class Fault {
        final String status;
        final String requestKind;
        final long retryAfterSeconds;
        int passBefore;

        Fault(String status, String requestKind, long retryAfterSeconds, int passBefore) {
            this.status = status;
            this.requestKind = requestKind;
            this.retryAfterSeconds = retryAfterSeconds;
            this.passBefore = passBefore;
        }

        boolean matches(String kind) {
            return requestKind == null || requestKind.equals(kind);
        }
    }

    public KeepFaults(KeepRequestCounts counts) {
        this.counts = counts;
    }

    /**
     * The next {@code count} requests of one kind ({@code notes.list}, {@code notes.get}, {@code media.download};
     * null for any), after {@code after} of them have passed, fail with the canonical status; a positive
     * {@code retryAfterSeconds} is sent as Retry-After.
     */
    public synchronized void inject(String status, int count, String requestKind, int after, long retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            queue.add(new Fault(status, requestKind, retryAfterSeconds, i == 0 ? after : 0));
        }
    }

    /** Notes an early request of the user, then throws the next injected fault meant for a request of this kind, if any. */
    public void failIfInjected(String requestKind, String user) {
        Long until = retryAfterUntil.get(user);
        if (until != null && System.nanoTime() - until < 0) {
            counts.count(EARLY);
        }
        Fault fault = null;
        synchronized (this) {
            for (var it = queue.iterator(); it.hasNext(); ) {
                Fault candidate = it.next();
                if (candidate.matches(requestKind)) {
                    if (candidate.passBefore > 0) {
                        candidate.passBefore--;
                    } else {
                        fault = candidate;
                        it.remove();
                    }
                    break;
                }
            }
        }
        if (fault == null) {
            return;
        }
        GoogleApiError error = GoogleApiError.ofStatus(fault.status, "Injected by the emulator: " + fault.status);
        if (fault.retryAfterSeconds > 0) {
            retryAfterUntil.merge(user, System.nanoTime() + fault.retryAfterSeconds * 1_000_000_000L, (a, b) -> b - a > 0 ? b : a);
            error.header("Retry-After", Long.toString(fault.retryAfterSeconds));
        }
        throw error;
    }

    public synchronized void reset() {
        queue.clear();
        retryAfterUntil.clear();
    }
}
