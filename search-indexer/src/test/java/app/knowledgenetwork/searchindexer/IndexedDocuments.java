package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.common.search.DocumentIndexEntry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;

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

    /**
     * The settings that decide when a change becomes searchable, of the index the alias points at: its refresh_interval,
     * and whether a refresh may wait for merges (merge_on_flush.enabled: OpenSearch's default is true).
     */
    Map<String, String> refreshSettings() throws IOException {
        String index = targets().getFirst();
        try (var response = client.generic().execute(Requests.builder().method("GET")
                .endpoint("/" + index + "/_settings?include_defaults=true&flat_settings=true").build())) {
            JsonObject body = Json.createReader(new StringReader(response.getBody().map(Body::bodyAsString).orElseThrow())).readObject()
                    .getJsonObject(index);
            Map<String, String> found = new HashMap<>();
            for (String name : List.of("index.refresh_interval", "index.merge_on_flush.enabled")) {
                JsonObject from = body.getJsonObject("settings").containsKey(name) ? body.getJsonObject("settings") : body.getJsonObject("defaults");
                found.put(name, from.getString(name));
            }
            return found;
        }
    }

    /** The indices the alias points at. */
    List<String> targets() throws IOException {
        return List.copyOf(client.indices().getAlias(r -> r.name(alias)).result().keySet());
    }
}
