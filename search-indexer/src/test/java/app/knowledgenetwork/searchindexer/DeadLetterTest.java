package app.knowledgenetwork.searchindexer;

import static app.knowledgenetwork.testsupport.ManagementInterface.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.searchindexer.OutboxIndexer.Batch;
import app.knowledgenetwork.testsupport.ManagementInterface;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * A row whose document OpenSearch refuses (a tag longer than a keyword term may be: 400 illegal_argument_exception, as
 * every time it is sent) is set aside after {@code kn.indexer.max-attempts} batches, while the rows after it keep being
 * indexed; it shows in {@code kn_indexer_dead_letters} and on the admin route, and an admin sends it back.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class DeadLetterTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OpenSearchClient client;
    @Inject
    OutboxIndexer indexer;
    @Inject
    OutboxBacklog backlog;
    @ConfigProperty(name = "kn.opensearch.index-prefix")
    String indexPrefix;
    @ConfigProperty(name = "kn.indexer.max-attempts")
    int maxAttempts;

    private KnowledgeRows rows;
    private IndexedDocuments indexed;

    @BeforeEach
    void drained() throws Exception {
        rows = KnowledgeRows.in(dataSource);
        indexed = new IndexedDocuments(client, DocumentIndex.of(indexPrefix).alias());
        Batch leftover;
        do {
            leftover = indexer.runBatch();
        } while (!leftover.claimed().isEmpty());
    }

    @Test
    void aDocumentOpenSearchKeepsRefusingIsSetAsideAfterItsAttemptsWhileTheRestKeepFlowing() throws Exception {
        long deadBefore = backlog.sample().deadLetters();
        double failuresBefore = metric("kn_indexer_failures_total");
        UUID poison = rows.document("Poison", "its tag is longer than a keyword may be", 1, false, false, "x".repeat(33_000));
        long poisonRow = rows.event(poison, "DocumentCreated", 1);

        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            UUID fine = rows.created("Fine " + attempt);
            Batch batch = indexer.runBatch();
            assertTrue(batch.claimed().contains(poisonRow), "attempt " + attempt + " claims the row again");
            assertEquals(1, batch.processed().size(), "the other row of the batch is indexed: " + batch);
            assertTrue(indexed.get(fine).found());
            if (attempt < maxAttempts) {
                assertEquals(List.of(), batch.setAside());
                assertEquals(attempt, rows.count("SELECT attempts FROM outbox_event WHERE id = ?", poisonRow));
            } else {
                assertEquals(List.of(poisonRow), batch.setAside(), "set aside at attempt " + maxAttempts);
            }
        }
        assertEquals(failuresBefore + maxAttempts, metric("kn_indexer_failures_total"));
        assertEquals(0, rows.count("SELECT count(*) FROM outbox_event WHERE id = ?", poisonRow), "out of the outbox");
        assertEquals(maxAttempts, rows.count("SELECT attempts FROM outbox_dead_letter WHERE id = ?", poisonRow));

        UUID later = rows.created("After the poison");
        Batch next = indexer.runBatch();
        assertFalse(next.claimed().contains(poisonRow), "no batch takes it any more");
        assertTrue(indexed.get(later).found());

        assertEquals(deadBefore + 1, backlog.sample().deadLetters());
        assertEquals(deadBefore + 1, metric("kn_indexer_dead_letters"));
        JsonPath listed = RestAssured.get(ManagementInterface.url("/indexer/dead-letters")).then().statusCode(200).extract().jsonPath();
        Map<String, Object> letter = listed.getMap("deadLetters.find { it.id == " + poisonRow + " }");
        assertEquals(poison.toString(), letter.get("documentId"));
        assertEquals(maxAttempts, letter.get("attempts"));
        assertTrue(((String) letter.get("error")).contains("immense term"), "the error OpenSearch gave: " + letter.get("error"));

        // The admin fixes the data, then sends the row back.
        rows.sql("UPDATE document SET tags = ARRAY['fixed'] WHERE id = ?", poison);
        JsonPath retried = RestAssured.given().queryParam("id", poisonRow).post(ManagementInterface.url("/indexer/dead-letters/retry"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, retried.getInt("retried"));
        long requeued = retried.getLong("outboxRows[0]");
        assertEquals(List.of(requeued), indexer.runBatch().processed());
        assertEquals(List.of("fixed"), indexed.get(poison).source().tags());
        assertEquals(deadBefore, backlog.sample().deadLetters());
        assertEquals(deadBefore, metric("kn_indexer_dead_letters"));
    }

    @Test
    void theAdminRoutesAnswerOnlyOnTheLoopback() {
        assertTrue(AdminRoutes.isLoopback("127.0.0.1"));
        assertTrue(AdminRoutes.isLoopback("127.10.0.3"));
        assertTrue(AdminRoutes.isLoopback("0:0:0:0:0:0:0:1"));
        assertTrue(AdminRoutes.isLoopback("::ffff:127.0.0.1"));
        assertFalse(AdminRoutes.isLoopback("10.0.3.17"), "a pod of the cluster (the gateway, Prometheus)");
        assertFalse(AdminRoutes.isLoopback("fd00::1"));
        assertFalse(AdminRoutes.isLoopback(null));
    }
}
