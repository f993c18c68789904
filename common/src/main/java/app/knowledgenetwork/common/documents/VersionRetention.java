package app.knowledgenetwork.common.documents;

/**
 * How many saved versions a document keeps, for every service that saves documents (knowledge-api on a GraphQL
 * write, collab-websocket on a live save, which saves every few seconds while people type). Without a bound, the
 * {@code document_version} table grows with every keystroke burst forever; the oldest versions beyond the bound are
 * deleted in the transaction that saves a new one, so the table never holds more than {@code kept} per document.
 *
 * @param kept how many of the latest versions to keep, at least 1 (KN_DOCUMENT_VERSIONS_KEPT)
 */
public record VersionRetention(int kept) {
    /** Parameters (JDBC style, also taken by Hibernate native queries): the document id, then {@link #oldestDropped(long)}. */
    public static final String PRUNE = "DELETE FROM document_version WHERE document_id = ? AND revision <= ?";

    public VersionRetention {
        if (kept < 1) {
            throw new IllegalArgumentException("KN_DOCUMENT_VERSIONS_KEPT must be at least 1, was " + kept);
        }
    }

    /** Revisions up to this one are dropped once {@code savedRevision} is saved (0 or less: none). */
    public long oldestDropped(long savedRevision) {
        return savedRevision - kept;
    }
}
