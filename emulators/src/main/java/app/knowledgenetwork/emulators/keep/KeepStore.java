package app.knowledgenetwork.emulators.keep;

import app.knowledgenetwork.emulators.google.GoogleApiError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every user's notes, in memory. Each user's collection carries a version that moves with every
 * change, so a listing paged across a change fails with ABORTED as Google's may.
 */
@ApplicationScoped
public class KeepStore {

    private static final Comparator<KeepNote> LISTING_ORDER = Comparator.comparing(KeepNote::createTime)
            .thenComparing(KeepNote::id);

    private final Map<String, Map<String, KeepNote>> notesByUser = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    /** Queued failures: a canonical status, and the request kind it waits for (null: any request). */
    private final Deque<Fault> injectedFaults = new ArrayDeque<>();

    private record Fault(String status, String requestKind) {
    }

    public void put(KeepNote note) {
        notesByUser.computeIfAbsent(note.owner(), u -> new ConcurrentHashMap<>()).put(note.id(), note);
        versions.computeIfAbsent(note.owner(), u -> new AtomicLong()).incrementAndGet();
    }

    /** The user's notes in a stable listing order (creation time, then id). */
    public List<KeepNote> notesOf(String user) {
        return notesByUser.getOrDefault(user, Map.of()).values().stream().sorted(LISTING_ORDER).toList();
    }

    public Optional<KeepNote> note(String user, String id) {
        return Optional.ofNullable(notesByUser.getOrDefault(user, Map.of()).get(id));
    }

    public long version(String user) {
        return versions.computeIfAbsent(user, u -> new AtomicLong()).get();
    }

    /** Makes the next {@code count} Keep API requests fail with the given canonical status. */
    public void injectFaults(String status, int count) {
        injectFaults(status, count, null);
    }

    /**
     * Makes the next {@code count} requests of one kind ({@code notes.list}, {@code notes.get},
     * {@code media.download}; null for any) fail with the given canonical status.
     */
    public synchronized void injectFaults(String status, int count, String requestKind) {
        for (int i = 0; i < count; i++) {
            injectedFaults.add(new Fault(status, requestKind));
        }
    }

    /** Throws the next injected fault meant for a request of this kind, if any. */
    public void failIfInjected(String requestKind) {
        Fault fault = null;
        synchronized (this) {
            for (var it = injectedFaults.iterator(); it.hasNext(); ) {
                Fault candidate = it.next();
                if (candidate.requestKind() == null || candidate.requestKind().equals(requestKind)) {
                    fault = candidate;
                    it.remove();
                    break;
                }
            }
        }
        if (fault != null) {
            throw GoogleApiError.ofStatus(fault.status(), "Injected by the emulator: " + fault.status());
        }
    }

    public synchronized void reset() {
        notesByUser.clear();
        versions.clear();
        injectedFaults.clear();
    }
}
