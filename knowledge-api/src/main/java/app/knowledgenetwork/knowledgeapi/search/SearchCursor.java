package app.knowledgenetwork.knowledgeapi.search;

import app.knowledgenetwork.knowledgeapi.errors.BadUserInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.opensearch.client.opensearch._types.FieldValue;

/**
 * An opaque position in relevance order: the score and id of the last hit seen, OpenSearch's search_after values
 * for the sort (_score desc, id asc). Like paging/Cursor it is base64 so it stays opaque and URL safe; the score is
 * kept bit for bit (OpenSearch must get back exactly the value it sorted by), and a marker keeps the cursors of
 * other lists from being taken for one of these.
 */
record SearchCursor(double score, UUID id) {
    private static final String MARKER = "s1";

    String encode() {
        String raw = MARKER + ":" + Long.toHexString(Double.doubleToRawLongBits(score)) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    List<FieldValue> searchAfter() {
        return List.of(FieldValue.of(score), FieldValue.of(id.toString()));
    }

    static SearchCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
            if (parts.length != 3 || !MARKER.equals(parts[0])) {
                throw new IllegalArgumentException(cursor);
            }
            double score = Double.longBitsToDouble(Long.parseUnsignedLong(parts[1], 16));
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException(cursor);
            }
            return new SearchCursor(score, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new BadUserInput("after: not a cursor returned by searchDocuments");
        }
    }
}
