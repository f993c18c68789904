package app.knowledgenetwork.searchindexer;

import static app.knowledgenetwork.searchindexer.ChangingDocuments.awaitGrowth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.common.search.DocumentIndex;
import app.knowledgenetwork.searchindexer.OutboxIndexer.Batch;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.ServiceEndpoints;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * OpenSearch goes away while documents keep changing, and comes back: every document must then be searchable at its
 * latest revision, as PostgreSQL has it. The outage is a {@link TcpProxy} between the service and the shared dev
 * OpenSearch that the test cuts and opens again (stopping the shared OpenSearch would break other engineers' tests);
 * for the service it is the same: refused connections and connections reset mid-request.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchBehindProxyResource.class)
class OpenSearchOutageTest {
    private static TcpProxy proxy;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OpenSearchClient client;
    @Inject
    OutboxIndexer indexer;
    @Inject
    Reindex reindex;
    @ConfigProperty(name = "kn.opensearch.index-prefix")
    String indexPrefix;
    @ConfigProperty(name = "kn.indexer.reindex.page-size")
    int pageSize;
    // Every test class is a bean of the one test application, so a setting only this class's resource gives needs a default.
    @ConfigProperty(name = OpenSearchBehindProxyResource.PROXY_PORT, defaultValue = "0")
    int proxyPort;

    private KnowledgeRows rows;
    private IndexedDocuments indexed;

    @BeforeEach
    void openSearchReachable() throws Exception {
        assertTrue(proxyPort > 0, "OpenSearchBehindProxyResource gave the proxy's port");
        if (proxy == null) {
            URI openSearch = ServiceEndpoints.current().openSearch();
            proxy = new TcpProxy(proxyPort, new InetSocketAddress(openSearch.getHost(), openSearch.getPort()));
        }
        proxy.open();
        rows = KnowledgeRows.in(dataSource);
        indexed = new IndexedDocuments(client, DocumentIndex.of(indexPrefix).alias());
        drain();
    }

    @AfterEach
    void noHook() {
        reindex.afterEachPage(page -> {
        });
    }

    @AfterAll
    static void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void documentsChangedWhileOpenSearchIsAwayAreAllSearchableAtTheirLatestRevisionOnceItIsBack() throws Exception {
        List<UUID> documents = rows.seeded(40);
        drain();
        try (ChangingDocuments users = new ChangingDocuments(rows, documents, indexer)) {
            awaitGrowth("rows indexed before the outage", users::processed, 20);
            proxy.cut();
            awaitGrowth("writes during the outage", users::writes, 60);
            awaitGrowth("batches that failed during the outage", users::failedBatches, 5);
            proxy.open();
            awaitGrowth("rows indexed after the outage", users::processed, 40);
        }
        drain();
        assertEquals(rows.revisions(), indexed.searchableRevisions(rows.workspace), "every document searchable at its latest revision");
        assertEquals(0, rows.count("SELECT count(*) FROM outbox_dead_letter d JOIN document x ON x.id = d.aggregate_id WHERE x.workspace_id = ?",
                rows.workspace), "an outage sets no row aside");
    }

    @Test
    void aReindexRunningThroughAnOutageFinishesAndLosesNothing() throws Exception {
        List<UUID> documents = rows.seeded(6 * pageSize);
        drain();
        List<String> before = indexed.targets();
        Reindex.Run run;
        try (ChangingDocuments users = new ChangingDocuments(rows, documents, indexer)) {
            reindex.afterEachPage(page -> {
                if (page == 2) {
                    proxy.cut();
                    // OpenSearch comes back once users have changed documents and batches have failed meanwhile; until
                    // then the build's next page is sent again and again.
                    Thread.ofVirtual().start(() -> {
                        awaitGrowth("writes during the outage", users::writes, 60);
                        awaitGrowth("batches that failed during the outage", users::failedBatches, 5);
                        try {
                            proxy.open();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
            });
            run = reindex.run("outage test");
            awaitGrowth("rows indexed after the switch", users::processed, 20);
        }
        drain();
        assertEquals(Reindex.State.SWITCHED, run.state(), "" + run);
        assertEquals(List.of(run.index()), indexed.targets());
        assertTrue(!before.contains(run.index()));
        assertEquals(rows.revisions(), indexed.searchableRevisions(rows.workspace), "every document searchable at its latest revision");
    }

    private void drain() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Batch batch;
        do {
            assertTrue(Instant.now().isBefore(deadline), "the outbox drained within 120 s");
            batch = indexer.runBatch();
        } while (!batch.claimed().isEmpty() || !batch.settled());
    }
}
