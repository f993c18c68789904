package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.cache.RedisCache;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Documents by id in Redis, as the JSON of their view. Only the document itself is cached, never the reader's right
 * to see it: that is checked on every read (through the membership cache).
 */
@ApplicationScoped
public class DocumentCache {
    private static final String FIELD = "v";

    private final RedisCache cache;
    private final ObjectMapper json;

    public DocumentCache(RedisCache cache, ObjectMapper json) {
        this.cache = cache;
        this.json = json;
    }

    /** The cached view, else {@code database}'s (which throws NotFound for a missing document). */
    public DocumentView get(UUID id, Supplier<DocumentView> database) {
        String name = name(id);
        RedisCache.Lookup lookup = cache.lookup(name, FIELD);
        DocumentView cached = viewOf(lookup);
        if (cached != null) {
            return cached;
        }
        DocumentView view = database.get();
        try {
            cache.fill(name, FIELD, lookup, json.writeValueAsString(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return view;
    }

    /** The cached view, or a null item when it is not in the cache (or Redis cannot say): without blocking. */
    public Uni<DocumentView> cached(UUID id) {
        return cache.lookupAsync(name(id), FIELD).map(this::viewOf);
    }

    /** Null for a miss, and for a value written by another version of the service (the next fill overwrites it). */
    private DocumentView viewOf(RedisCache.Lookup lookup) {
        if (!lookup.hit()) {
            return null;
        }
        try {
            return json.readValue(lookup.value(), DocumentView.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public void invalidate(UUID id) {
        cache.invalidate(name(id));
    }

    static String name(UUID id) {
        return "document:" + id;
    }
}
