package app.knowledgenetwork.emulators.keep;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
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

    public synchronized void reset() {
        notesByUser.clear();
        versions.clear();
    }
}
