package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.common.search.DocumentIndexEntry;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.search.Hit;

/** What searches through the alias see of one workspace's documents, as knowledge-api would ask. */
record IndexedDocuments(OpenSearchClient client, String alias) {

    GetResponse<DocumentIndexEntry> get(UUID id) throws IOException {
        // A get is real time: no refresh needed.
        return client.get(r -> r.index(alias).id(id.toString()), DocumentIndexEntry.class);
    }

    /** The hits a search of the workspace returns now (no refresh: what a user would see). */
    long count(UUID workspace) throws IOException {
        return client.count(r -> r.index(alias).query(q -> q.term(t -> t.field(DocumentIndex.WORKSPACE_ID).value(FieldValue.of(workspace.toString())))))
                .count();
    }

    /** Every document of the workspace a search finds, after a refresh, with the revision it has in the index. */
    Map<UUID, Long> searchableRevisions(UUID workspace) throws IOException {
        client.indices().refresh(r -> r.index(alias));
        List<Hit<DocumentIndexEntry>> hits = client.search(r -> r.index(alias).size(10_000)
                .query(q -> q.term(t -> t.field(DocumentIndex.WORKSPACE_ID).value(FieldValue.of(workspace.toString())))), DocumentIndexEntry.class)
                .hits().hits();
        Map<UUID, Long> revisions = new HashMap<>();
        hits.forEach(hit -> revisions.put(UUID.fromString(hit.id()), hit.source().revision()));
        return revisions;
    }

    /** The indices the alias points at. */
    List<String> targets() throws IOException {
        return List.copyOf(client.indices().getAlias(r -> r.name(alias)).result().keySet());
    }
}
