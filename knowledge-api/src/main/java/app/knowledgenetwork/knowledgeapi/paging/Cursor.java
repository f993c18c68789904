package app.knowledgenetwork.knowledgeapi.paging;

import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset position: the sort key (a timestamp or a number) and the id of the last row seen.
 * Clients must not parse it; it is only base64 so it stays opaque and URL safe.
 */
public record Cursor(long key, UUID id) {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;

    public static Cursor at(Instant time, UUID id) {
        return new Cursor(time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000, id);
    }

    public Instant time() {
        return Instant.ofEpochSecond(Math.floorDiv(key, 1_000_000), Math.floorMod(key, 1_000_000) * 1_000L);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((key + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            return new Cursor(Long.parseLong(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new BadUserInput("after: not a cursor returned by this API");
        }
    }

    /** Validates 'first' and returns it; the page size is bounded so no query can ask for everything. */
    public static int pageSize(Integer first) {
        return pageSize(first, DEFAULT_PAGE, MAX_PAGE);
    }

    /** {@link #pageSize(Integer)} for a connection with other bounds. */
    public static int pageSize(Integer first, int defaultPage, int maxPage) {
        if (first == null) {
            return defaultPage;
        }
        if (first < 1 || first > maxPage) {
            throw new BadUserInput("first: must be between 1 and " + maxPage + ", was " + first);
        }
        return first;
    }
}
