package app.knowledgenetwork.searchindexer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * A committed change is indexed without any scheduled run: the schedule is off here (as in every test), so only the
 * notification of the outbox's trigger, heard by {@link OutboxListener}, can start the batch.
 */
@QuarkusTest
@TestProfile(OutboxListenerTest.Listening.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class OutboxListenerTest {
    public static class Listening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kn.indexer.listen", "true");
        }
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OpenSearchClient client;
    @Inject
    OutboxListener listener;
    @ConfigProperty(name = "kn.opensearch.index-prefix")
    String indexPrefix;

    @Test
    void aCommittedChangeWakesTheIndexerAtOnce() throws Exception {
        KnowledgeRows rows = KnowledgeRows.in(dataSource);
        IndexedDocuments indexed = new IndexedDocuments(client, DocumentIndex.of(indexPrefix).alias());
        within(30_000, listener::listening, "the listener connects");

        UUID doc = rows.document("Woken", "indexed on commit", 1, false, false);
        rows.event(doc, "DocumentCreated", 1);
        within(5_000, () -> found(indexed, doc), "the document is indexed without a scheduled run");

        rows.update(doc, "Woken", "changed", 2, false, false);
        rows.event(doc, "DocumentUpdated", 2);
        within(5_000, () -> revision(indexed, doc) == 2, "and so is its next change");
    }

    private static boolean found(IndexedDocuments indexed, UUID doc) {
        return revision(indexed, doc) > 0;
    }

    private static long revision(IndexedDocuments indexed, UUID doc) {
        try {
            var got = indexed.get(doc);
            return got.found() ? got.version() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static void within(long millis, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " within " + millis + " ms");
            Thread.sleep(20);
        }
    }
}
