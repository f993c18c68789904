package app.knowledgenetwork.searchindexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.searchindexer.OutboxIndexer.Batch;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.json.JsonData;

/**
 * An index built while the cluster had no "english" analyzer (a local OpenSearch before bin/dev-services added the
 * analysis-common module) is rebuilt at start once the cluster has it, so stemming and suggestions work without a
 * manual reindex.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class StemmingRolloutTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OpenSearchClient client;
    @Inject
    OutboxIndexer indexer;
    @Inject
    Reindex reindex;
    @Inject
    SearchIndex searchIndex;
    @ConfigProperty(name = "kn.opensearch.index-prefix")
    String indexPrefix;

    @Test
    void anIndexWithoutStemmingIsRebuiltOnceTheClusterHasTheEnglishAnalyzer() throws Exception {
        KnowledgeRows rows = KnowledgeRows.in(dataSource);
        DocumentIndex index = DocumentIndex.of(indexPrefix);
        IndexedDocuments indexed = new IndexedDocuments(client, index.alias());
        drain();
        // The alias as a start on a cluster without analysis-common left it: the current version, but no stemming.
        String unstemmed = index.newIndex(Instant.now());
        index.createWithoutStemming(client, unstemmed, index.alias() + "-unstemmed");
        List<String> current = indexed.targets();
        client.indices().updateAliases(r -> {
            current.forEach(i -> r.actions(a -> a.remove(x -> x.index(i).alias(index.alias()))));
            return r.actions(a -> a.add(x -> x.index(unstemmed).alias(index.alias()).isWriteIndex(true)))
                    .actions(a -> a.remove(x -> x.index(unstemmed).alias(index.alias() + "-unstemmed")));
        });
        for (String old : current) {
            client.indices().delete(r -> r.index(old));
        }
        searchIndex.recheck();
        UUID running = rows.created("Running documents");
        drain();
        assertEquals(List.of(), titlesMatching(index, "documented runs"), "no stemming in the index as it was");
        assertEquals(List.of(unstemmed), index.lacksStemming(client));

        Reindex.Run run = reindex.restem().orElseThrow(() -> new AssertionError("a reindex starts for the missing stemming"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!indexed.targets().equals(List.of(run.index())) || reindex.running()) {
            assertTrue(Instant.now().isBefore(deadline), "switched within 60 s: " + reindex.status());
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        assertEquals(List.of(), index.lacksStemming(client));
        assertEquals(List.of(running.toString()), titlesMatching(index, "documented runs"), "stems now");
        assertTrue(reindex.restem().isEmpty(), "once is enough");
        assertEquals(rows.revisions(), indexed.searchableRevisions(rows.workspace));
    }

    private List<String> titlesMatching(DocumentIndex index, String words) throws Exception {
        client.indices().refresh(r -> r.index(index.alias()));
        List<Hit<JsonData>> hits = client.search(r -> r.index(index.alias())
                .query(q -> q.match(m -> m.field(DocumentIndex.TITLE).query(org.opensearch.client.opensearch._types.FieldValue.of(words)).operator(org.opensearch.client.opensearch._types.query_dsl.Operator.And))),
                JsonData.class).hits().hits();
        return hits.stream().map(Hit::id).toList();
    }

    private void drain() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Batch batch;
        do {
            assertTrue(Instant.now().isBefore(deadline), "the outbox drained within 120 s");
            batch = indexer.runBatch();
        } while (!batch.claimed().isEmpty());
    }
}
