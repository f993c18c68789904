package app.knowledgenetwork.common.search;

import java.time.Instant;
import java.util.List;

/**
 * One document as it is stored in the search index: the {@code _source} search-indexer writes and knowledge-api
 * searches. The {@code _id} of the entry is {@link #id} and its external {@code _version} is {@link #revision}, so
 * an older revision never overwrites a newer one. Field names are those of {@link DocumentIndex#MAPPING}.
 *
 * <p>Plain strings and numbers only, so any JSON mapper writes it the same way (the OpenSearch client's default
 * one has no java.time support): {@code updatedAt} is ISO-8601 in UTC.
 */
public record DocumentIndexEntry(
        String id,
        String workspaceId,
        String title,
        String content,
        List<String> tags,
        /* ACTIVE, ARCHIVED or TRASHED: the names of knowledge-api's DocumentStatus. */
        String status,
        long revision,
        String updatedAt,
        String authorId) {

    public static final String ACTIVE = "ACTIVE";
    public static final String ARCHIVED = "ARCHIVED";
    public static final String TRASHED = "TRASHED";

    public DocumentIndexEntry {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The status a document row has: trashed wins over archived, as in knowledge-api. */
    public static String status(boolean archived, Instant trashedAt) {
        return trashedAt != null ? TRASHED : archived ? ARCHIVED : ACTIVE;
    }
}
