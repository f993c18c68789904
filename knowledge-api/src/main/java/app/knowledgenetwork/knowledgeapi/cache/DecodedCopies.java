package app.knowledgenetwork.knowledgeapi.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * The objects last decoded from cache values, per cache entry, so that a hit whose value is the same text as the last
 * one skips decoding it. Redis stays the only source: the text read from it is compared with the remembered text in
 * full, so a changed or refilled entry is always decoded afresh. Decoding the JSON of a page of twenty documents was
 * a quarter of a cached listing's CPU (bench/graphql); comparing two equal strings costs next to nothing. Bounded by
 * the characters it keeps ({@code kn.cache.decoded-max-chars}); maintenance runs on the caller's thread, because a
 * hand-off to another thread is what the event loop path avoids.
 */
@ApplicationScoped
public class DecodedCopies {
    private record Copy(String text, Object value) {
    }

    private final Cache<String, Copy> copies;

    public DecodedCopies(CacheConfig config) {
        copies = Caffeine.newBuilder()
                .maximumWeight(config.decodedMaxChars())
                .weigher((String entry, Copy copy) -> entry.length() + copy.text().length())
                .executor(Runnable::run)
                .build();
    }

    /**
     * {@code text} decoded as a {@code type}: the object decoded last time for {@code entry} if its text was the same,
     * else {@code decoder}'s (remembered for next time). The object is shared between readers: it must be immutable
     * in use. Null when the decoder gives null (an unreadable value), which is never remembered.
     */
    public <T> T decode(String entry, String text, Class<T> type, Function<String, T> decoder) {
        Copy copy = copies.getIfPresent(entry);
        if (copy != null && type.isInstance(copy.value()) && copy.text().equals(text)) {
            return type.cast(copy.value());
        }
        T value = decoder.apply(text);
        if (value != null) {
            copies.put(entry, new Copy(text, value));
        }
        return value;
    }
}
