package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.common.search.DocumentIndexEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/**
 * One _bulk of index entries and deletes through an alias, and what became of each. Every write carries the document's
 * revision as its external version, so an older revision never overwrites a newer one, whoever sends it (the outbox
 * indexer, a reindex's build or its replay) and in whatever order. The alias is required, so a write never auto-creates
 * an index without the mapping.
 */
final class BulkWrites {

    /** An entry to index, or (entry null) a purged document to delete, at {@code revision}. */
    record Write(String id, DocumentIndexEntry entry, long revision) {
        static Write index(DocumentIndexEntry entry) {
            return new Write(entry.id(), entry, entry.revision());
        }

        static Write delete(String id, long revision) {
            return new Write(id, null, revision);
        }
    }

    enum Outcome {
        /** Applied, or a version conflict: the index has this revision or a newer one. */
        DONE,
        /** OpenSearch refuses this document itself (400: mapping, an immense term; 413): sending it again fails again. */
        REFUSED,
        /** The cluster's state, not the document (429, 5xx, a write block, a missing alias): worth sending again. */
        RETRY
    }

    record Result(Write write, Outcome outcome, String error) {
    }

    private BulkWrites() {
    }

    /** Sends {@code writes} in one _bulk; throws when the request as a whole fails (OpenSearch away). */
    static List<Result> send(OpenSearchClient client, String alias, List<Write> writes) throws IOException {
        List<BulkOperation> operations = new ArrayList<>(writes.size());
        for (Write w : writes) {
            operations.add(w.entry() == null
                    ? BulkOperation.of(b -> b.delete(d -> d.id(w.id()).version(w.revision()).versionType(VersionType.External)))
                    : BulkOperation.of(b -> b.index(i -> i.id(w.id()).document(w.entry()).version(w.revision()).versionType(VersionType.External))));
        }
        BulkResponse response = client.bulk(b -> b.index(alias).requireAlias(true).operations(operations));
        List<Result> results = new ArrayList<>(writes.size());
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < writes.size(); i++) {
            BulkResponseItem item = items.get(i);
            ErrorCause error = item.error();
            results.add(new Result(writes.get(i), outcome(item.status(), error == null ? null : error.type()),
                    error == null ? null : item.status() + " " + error.type() + ": " + error.reason()));
        }
        return results;
    }

    static Outcome outcome(int status, String errorType) {
        if (errorType == null || "version_conflict_engine_exception".equals(errorType)) {
            return Outcome.DONE;
        }
        return status == 400 || status == 413 ? Outcome.REFUSED : Outcome.RETRY;
    }
}
