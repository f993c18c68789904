package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.cache.DecodedCopies;
import app.knowledgenetwork.knowledgeapi.cache.JsonValues;
import app.knowledgenetwork.knowledgeapi.cache.RedisCache;
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
    private final JsonValues<DocumentView> views;

    public DocumentCache(RedisCache cache, ObjectMapper json, DecodedCopies copies) {
        this.cache = cache;
        this.views = new JsonValues<>(cache, json, copies, DocumentView.class, Integer.MAX_VALUE);
    }

    /** The cached view, else {@code database}'s (which throws NotFound for a missing document). */
    public DocumentView get(UUID id, Supplier<DocumentView> database) {
        return views.get(name(id), FIELD, database);
    }

    /** The cached view, or a null item when it is not in the cache (or Redis cannot say): without blocking. */
    public Uni<DocumentView> cached(UUID id) {
        return views.cached(name(id), FIELD);
    }

    public void invalidate(UUID id) {
        cache.invalidate(name(id));
    }

    static String name(UUID id) {
        return "document:" + id;
    }
}
