package app.knowledgenetwork.syncservice.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.syncservice.db.Sql;
import app.knowledgenetwork.syncservice.support.AccessTokens;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The queue's promises, with this replica's own workers switched off so that the test alone claims:
 * a task is one worker's while its lease runs; a lease that ran out (its worker died) lets another
 * worker take the task over, and the first can then neither renew nor complete it.
 */
@QuarkusTest
@TestProfile(LeaseTakeoverTest.NoWorkers.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(AccessTokens.class)
class LeaseTakeoverTest {

    public static class NoWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kn.sync.workers", "0");
        }
    }

    @Inject
    TaskQueue queue;

    @Inject
    Sql sql;

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerOwnerCannotComplete() {
        UUID job = job();
        queue.enqueueWrite(job, List.of("a", "b"));

        // worker A claims with a lease that is over at once, as if it had died without a heartbeat
        Task claimed = queue.claim("worker-a", Duration.ZERO).orElseThrow();
        assertEquals(List.of("a", "b"), claimed.noteIds());
        Task takenOver = queue.claim("worker-b", Duration.ofMinutes(5)).orElseThrow();
        assertEquals(claimed.id(), takenOver.id());
        assertEquals(2, takenOver.attempts());

        assertFalse(queue.heartbeat(claimed.id(), "worker-a", Duration.ofMinutes(5)));
        assertFalse(queue.complete(claimed.id(), "worker-a"));
        // while B's lease runs, nobody else gets the task
        assertEquals(Optional.empty(), queue.claim("worker-c", Duration.ofMinutes(5)));
        assertTrue(queue.heartbeat(claimed.id(), "worker-b", Duration.ofMinutes(5)));
        assertTrue(queue.complete(claimed.id(), "worker-b"));
        assertEquals(0, queue.remaining(job));
    }

    @Test
    void concurrentClaimsNeverShareATask() throws Exception {
        UUID job = job();
        for (int i = 0; i < 20; i++) {
            queue.enqueueWrite(job, List.of("n" + i));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<List<Long>>> claims = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String worker = "w" + w;
            claims.add(pool.submit(() -> {
                List<Long> mine = new java.util.ArrayList<>();
                for (Optional<Task> t = queue.claim(worker, Duration.ofMinutes(5)); t.isPresent(); t = queue.claim(worker, Duration.ofMinutes(5))) {
                    mine.add(t.get().id());
                }
                return mine;
            }));
        }
        java.util.Set<Long> all = new java.util.HashSet<>();
        int total = 0;
        for (var f : claims) {
            List<Long> mine = f.get();
            total += mine.size();
            all.addAll(mine);
        }
        pool.shutdown();
        assertEquals(20, total);
        assertEquals(20, all.size());
    }

    private UUID job() {
        UUID connection = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        sql.update("INSERT INTO connections (id, owner_id, name, source_type, notion_database_id, notion_token) VALUES (?, 'u', 'c', 'TAKEOUT', 'd', 't')",
                connection);
        sql.update("INSERT INTO jobs (id, connection_id, mode, trigger, state) VALUES (?, ?, 'INCREMENTAL', 'MANUAL', 'WRITING')", job, connection);
        return job;
    }
}
