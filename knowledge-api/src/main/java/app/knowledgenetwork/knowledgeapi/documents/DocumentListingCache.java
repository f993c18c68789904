package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.cache.CacheConfig;
import app.knowledgenetwork.knowledgeapi.cache.DecodedCopies;
import app.knowledgenetwork.knowledgeapi.cache.JsonValues;
import app.knowledgenetwork.knowledgeapi.cache.RedisCache;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The first page of a workspace's document listings in Redis, as the JSON of the connection: one hash per workspace,
 * a field per listing (status, parent, page size). Any committed or rolled-back change to a document of the workspace
 * drops the whole hash, because a change to one document can move it into, out of or within any listing. Only first
 * pages are kept (later ones would multiply the entries by every cursor), and only pages up to
 * {@code kn.cache.max-listing-chars}. As with documents by id, the caller's right to the listing is checked on every
 * read, never cached with it.
 */
@ApplicationScoped
public class DocumentListingCache {
    private final RedisCache cache;
    private final JsonValues<DocumentConnection> pages;

    public DocumentListingCache(RedisCache cache, ObjectMapper json, DecodedCopies copies, CacheConfig config) {
        this.cache = cache;
        this.pages = new JsonValues<>(cache, json, copies, DocumentConnection.class, config.maxListingChars());
    }

    /** Which listing: the arguments as given (an invalid one never reaches the cache, so it is never filled). */
    public record Listing(UUID workspaceId, DocumentStatus status, String parentId, Integer first) {
        String field() {
            return (status == null ? DocumentStatus.ACTIVE : status) + "|" + (parentId == null ? "" : parentId) + "|" + (first == null ? "" : first);
        }
    }

    /** The cached first page, else {@code database}'s, which is then cached. */
    public DocumentConnection get(Listing listing, Supplier<DocumentConnection> database) {
        return pages.get(name(listing.workspaceId()), listing.field(), database);
    }

    /** The cached first page, or a null item when Redis does not have it (or cannot say): without blocking. */
    public Uni<DocumentConnection> cached(Listing listing) {
        return pages.cached(name(listing.workspaceId()), listing.field());
    }

    public void invalidate(UUID workspaceId) {
        cache.invalidate(name(workspaceId));
    }

    static String name(UUID workspaceId) {
        return "listing:" + workspaceId;
    }
}
