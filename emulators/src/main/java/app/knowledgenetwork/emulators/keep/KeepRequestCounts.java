package app.knowledgenetwork.emulators.keep;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** How many requests of each kind (notes.list, notes.get, media.download, token.{grant}) the emulator served. */
@ApplicationScoped
public class KeepRequestCounts {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public void count(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((kind, n) -> out.put(kind, n.get()));
        return out;
    }

    public void reset() {
        counts.clear();
    }
}
