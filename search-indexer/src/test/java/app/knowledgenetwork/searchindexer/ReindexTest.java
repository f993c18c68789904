package app.knowledgenetwork.searchindexer;

import static app.knowledgenetwork.searchindexer.ChangingDocuments.awaitGrowth;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The zero-downtime reindex against real PostgreSQL and OpenSearch, while documents keep changing and the outbox keeps
 * being drained into the index in use.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class ReindexTest {
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
    @ConfigProperty(name = "kn.indexer.reindex.page-size")
    int pageSize;

    private KnowledgeRows rows;
    private IndexedDocuments indexed;
    private DocumentIndex index;

    @BeforeEach
    void drained() throws Exception {
        rows = KnowledgeRows.in(dataSource);
        index = DocumentIndex.of(indexPrefix);
        indexed = new IndexedDocuments(client, index.alias());
        drain();
    }

    @AfterEach
    void noHook() {
        reindex.afterEachPage(page -> {
        });
    }

    @Test
    void aReindexWhileDocumentsKeepChangingLosesNoChangeAndSearchesAlwaysSeeEveryDocument() throws Exception {
        List<UUID> documents = rows.seeded(8 * pageSize);
        drain();
        List<String> before = indexed.targets();
        assertEquals(documents.size(), indexed.searchableRevisions(rows.workspace).size());
        long seeded = indexed.count(rows.workspace);
        assertEquals(documents.size(), seeded);

        Reindex.Run run;
        try (ChangingDocuments users = new ChangingDocuments(rows, documents, indexer); Searches searches = new Searches(rows.workspace)) {
            // Mid-build, users change documents and batches write those changes into the old index: the build must not lose them.
            reindex.afterEachPage(page -> {
                if (page == 2) {
                    awaitGrowth("writes during the build", users::writes, 40);
                    awaitGrowth("rows indexed into the old index during the build", users::processed, 40);
                    awaitGrowth("searches during the build", searches::done, 5);
                }
            });
            run = reindex.run("test");
            awaitGrowth("searches after the switch", searches::done, 5);
            searches.close();
            assertEquals(List.of(), searches.problems(), "every search saw every document, and the count never dropped");
            assertTrue(searches.lowest() >= seeded, "lowest count " + searches.lowest() + " of " + seeded);
        }
        drain();

        assertEquals(Reindex.State.SWITCHED, run.state(), "" + run);
        assertEquals(List.of(run.index()), indexed.targets(), "the alias moved to the new index");
        assertFalse(before.contains(run.index()));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (String old : before) {
            while (client.indices().exists(r -> r.index(old)).value()) {
                assertTrue(Instant.now().isBefore(deadline), "the old index " + old + " is deleted after the grace");
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
        assertEquals(rows.revisions(), indexed.searchableRevisions(rows.workspace), "every document searchable at its latest revision");
        assertEquals(List.of(), searchIndex.targetsOf(searchIndex.buildingAlias()), "no index left behind the building alias");
        assertEquals("false", indexed.refreshSettings().get("index.merge_on_flush.enabled"), "the new index's refreshes never wait for merges");
    }

    @Test
    void aChangedMappingIsRolledOutByAReindexWhileTheOutboxWaits() throws Exception {
        List<UUID> documents = rows.seeded(3 * pageSize);
        drain();
        // The alias as an older release left it: behind an index of mapping version 0.
        String older = index.alias() + "-v0";
        index.createBeside(client, older, index.alias() + "-older");
        List<String> current = indexed.targets();
        client.indices().updateAliases(r -> {
            current.forEach(i -> r.actions(a -> a.remove(x -> x.index(i).alias(index.alias()))));
            return r.actions(a -> a.add(x -> x.index(older).alias(index.alias()).isWriteIndex(true)))
                    .actions(a -> a.remove(x -> x.index(older).alias(index.alias() + "-older")));
        });
        current.forEach(i -> {
            try {
                client.indices().delete(r -> r.index(i));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        searchIndex.recheck();
        rows.edited(documents.getFirst(), "Changed before the rollout");

        // The first batch finds the alias outdated: it writes nothing and starts the rollout.
        assertEquals(SearchIndex.State.OUTDATED, searchIndex.ensure());
        Batch waiting = indexer.runBatch();
        assertEquals(List.of(), waiting.claimed(), "the outbox waits while the alias points at an older mapping");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (indexed.targets().contains(older) || reindex.status().running() || client.indices().exists(r -> r.index(older)).value()) {
            assertTrue(Instant.now().isBefore(deadline), "the rollout switched and deleted the older index within 60 s: " + reindex.status());
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        List<String> after = indexed.targets();
        assertEquals(1, after.size());
        assertEquals(DocumentIndex.VERSION, index.versionOf(after.getFirst()).orElseThrow(), "behind an index of the current mapping: " + after);
        assertEquals(SearchIndex.State.CURRENT, searchIndex.ensure());

        drain();
        assertEquals(rows.revisions(), indexed.searchableRevisions(rows.workspace));
    }

    @Test
    void theAdminRouteStartsAReindexAndRefusesASecondOneMeanwhile() throws Exception {
        rows.seeded(2 * pageSize);
        drain();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch secondAsked = new CountDownLatch(1);
        reindex.afterEachPage(page -> {
            building.countDown();
            try {
                secondAsked.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        JsonPath started = RestAssured.post(ManagementInterface.url("/indexer/reindex")).then().statusCode(202).extract().jsonPath();
        String name = started.getString("index");
        assertEquals("BUILDING", started.getString("state"));
        try {
            assertTrue(building.await(30, TimeUnit.SECONDS), "the build wrote its first page");
            JsonPath refused = RestAssured.post(ManagementInterface.url("/indexer/reindex")).then().statusCode(409).extract().jsonPath();
            assertTrue(refused.getBoolean("status.running"));
            assertEquals(List.of(name), refused.getList("status.building"));
        } finally {
            secondAsked.countDown();
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonPath status;
        do {
            assertTrue(Instant.now().isBefore(deadline), "the reindex finished within 60 s");
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            status = RestAssured.get(ManagementInterface.url("/indexer/reindex")).then().statusCode(200).extract().jsonPath();
        } while (status.getBoolean("running"));
        assertEquals("SWITCHED", status.getString("last.state"));
        assertEquals(name, status.getString("last.index"));
        assertEquals(List.of(name), status.getList("current"));
        assertEquals(rows.revisions(), indexed.searchableRevisions(rows.workspace));
    }

    private void drain() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Batch batch;
        do {
            assertTrue(Instant.now().isBefore(deadline), "the outbox drained within 120 s");
            batch = indexer.runBatch();
        } while (!batch.claimed().isEmpty());
    }

    /** A user searching the workspace over and over, as knowledge-api would, noting any count below the last one. */
    private final class Searches implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
        private final List<String> problems = new ArrayList<>();
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private final Thread thread;

        Searches(UUID workspace) {
            thread = Thread.ofPlatform().name("test-searches").start(() -> {
                long highest = 0;
                while (!stop.get()) {
                    try {
                        long count = indexed.count(workspace);
                        if (count < highest) {
                            synchronized (problems) {
                                problems.add("count " + count + " after " + highest);
                            }
                        }
                        highest = Math.max(highest, count);
                        lowest.accumulateAndGet(count, Math::min);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        synchronized (problems) {
                            problems.add("search failed: " + e);
                        }
                    }
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
            });
        }

        long done() {
            return done.get();
        }

        long lowest() {
            return lowest.get();
        }

        List<String> problems() {
            synchronized (problems) {
                return List.copyOf(problems);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(Duration.ofSeconds(30));
        }
    }
}
