package app.knowledgenetwork.common.cache;

/**
 * How an entry of knowledge-api's Redis cache is dropped, for every service that changes what it caches (knowledge-api
 * on a GraphQL write, collab-websocket on a live save). Each cache entry is a hash at {@code <prefix>cache:<name>}
 * ({@code document:<id>}, {@code listing:<workspaceId>}) holding a generation {@code g}; dropping it bumps the
 * generation, so a reader that read the old row before the write cannot put it back (its fill carries the old one).
 */
public final class KnowledgeCacheInvalidation {
    /** KEYS[1] the entry's hash; ARGV[1] the key's TTL (ms). Bumps the generation and drops every field. */
    public static final String SCRIPT = """
            local g = redis.call('HINCRBY', KEYS[1], 'g', 1)
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'g', g)
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return g
            """;

    private KnowledgeCacheInvalidation() {
    }

    /** The Redis key of a cache entry, e.g. {@code key("kn:", "document:" + id)}. */
    public static String key(String keyPrefix, String name) {
        return keyPrefix + "cache:" + name;
    }
}
