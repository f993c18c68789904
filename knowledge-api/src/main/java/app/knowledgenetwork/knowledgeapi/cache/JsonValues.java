package app.knowledgenetwork.knowledgeapi.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Values of one type kept in the {@link RedisCache} as their JSON: read-through from a blocking caller, or looked up
 * without blocking from the event loop. A value written by another version of the service that no longer decodes
 * counts as a miss (the next fill overwrites it); a value longer than {@code maxChars} is served but not stored.
 */
public final class JsonValues<T> {
    private final RedisCache cache;
    private final ObjectMapper json;
    private final DecodedCopies copies;
    private final Class<T> type;
    private final int maxChars;

    public JsonValues(RedisCache cache, ObjectMapper json, DecodedCopies copies, Class<T> type, int maxChars) {
        this.cache = cache;
        this.json = json;
        this.copies = copies;
        this.type = type;
        this.maxChars = maxChars;
    }

    /** The cached value, else {@code database}'s, which is then stored unless a write has raced with it. */
    public T get(String name, String field, Supplier<T> database) {
        RedisCache.Lookup lookup = cache.lookup(name, field);
        T cached = valueOf(name, field, lookup);
        if (cached != null) {
            return cached;
        }
        T value = database.get();
        String text = encode(value);
        if (text.length() <= maxChars) {
            cache.fill(name, field, lookup, text);
        }
        return value;
    }

    /** The cached value, or a null item when it is not in the cache (or Redis cannot say): without blocking. */
    public Uni<T> cached(String name, String field) {
        return cache.lookupAsync(name, field).map(lookup -> valueOf(name, field, lookup));
    }

    private T valueOf(String name, String field, RedisCache.Lookup lookup) {
        return lookup.hit() ? copies.decode(name + ' ' + field, lookup.value(), type, this::decode) : null;
    }

    private T decode(String text) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String encode(T value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
