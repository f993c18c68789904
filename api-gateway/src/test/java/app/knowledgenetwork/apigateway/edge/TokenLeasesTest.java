package app.knowledgenetwork.apigateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.common.ratelimit.RateLimit;
import app.knowledgenetwork.common.ratelimit.ReactiveTokenBuckets;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas spending one Redis bucket through their leases: a busy client skips most Redis round
 * trips, and the replicas together still admit exactly what the bucket holds.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class TokenLeasesTest {

    @Inject
    ReactiveRedisDataSource reactive;

    @Inject
    RedisDataSource redis;

    /** One request: true when admitted; counts whether it needed Redis. */
    private static boolean ask(TokenLeases replica, String key, RateLimit limit, int[] redisCalls) {
        if (replica.spendLeased(key, limit)) {
            return true;
        }
        redisCalls[0]++;
        return replica.take(key, limit).await().atMost(Duration.ofSeconds(5)) == 0L;
    }

    @Test
    void aBusyClientSkipsMostRedisRoundTripsOnceItsDemandIsKnown() {
        RateLimit generous = new RateLimit(1_000_000, Duration.ofSeconds(1), 100_000, 0);
        TokenLeases replica = new TokenLeases(new ReactiveTokenBuckets(reactive), Duration.ofMillis(20), 32);
        String key = "kn-test:lease:" + UUID.randomUUID();
        int[] redisCalls = {0};
        int asks = 0;
        long deadline = System.nanoTime() + Duration.ofMillis(400).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(ask(replica, key, generous, redisCalls));
            asks++;
        }
        assertTrue(asks > 100, "the loop asked " + asks + " times");
        assertTrue(redisCalls[0] * 4 < asks, redisCalls[0] + " Redis calls for " + asks + " requests");
    }

    @Test
    void replicasTogetherAdmitExactlyWhatTheBucketHoldsAndGiveBackWhatTheyDidNotSpend() {
        // 64 tokens, no refill to speak of: an eighth of the burst, 8, is the most one call takes ahead.
        RateLimit bucket = new RateLimit(1, Duration.ofDays(1), 64, 0);
        ReactiveTokenBuckets buckets = new ReactiveTokenBuckets(reactive);
        TokenLeases a = new TokenLeases(buckets, Duration.ofMillis(20), 32);
        TokenLeases b = new TokenLeases(buckets, Duration.ofMillis(20), 32);
        String key = "kn-test:lease:" + UUID.randomUUID();
        int[] redisCalls = {0};
        int admitted = 0;
        int refused = 0;
        long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
        for (int i = 0; System.nanoTime() < deadline || i < 200; i++) {
            if (ask(i % 2 == 0 ? a : b, key, bucket, redisCalls)) {
                admitted++;
            } else {
                refused++;
            }
        }
        assertTrue(admitted <= 64, admitted + " admitted from a bucket of 64");
        assertTrue(refused > 0);

        a.sweep(0);
        b.sweep(0);
        assertEquals(0, a.keys() + b.keys());
        // What the replicas still held is back in the bucket: spent + left = 64.
        long deadlineBack = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        double left;
        do {
            left = Double.parseDouble(redis.hash(String.class).hget(key, "tokens"));
        } while (Math.abs(admitted + left - 64) > 0.01 && System.nanoTime() < deadlineBack);
        assertEquals(64.0, admitted + left, 0.01, admitted + " admitted, " + left + " left in the bucket");
    }

    @Test
    void aRedisThatForgotTheScriptIsGivenItAgain() {
        // Buckets are called by the script's SHA-1; a restarted or failed-over Redis has no scripts.
        RateLimit limit = new RateLimit(10, Duration.ofSeconds(1), 10, 0);
        TokenLeases replica = new TokenLeases(new ReactiveTokenBuckets(reactive), Duration.ofMillis(20), 32);
        String key = "kn-test:lease:" + UUID.randomUUID();
        assertEquals(0L, replica.take(key, limit).await().atMost(Duration.ofSeconds(5)));
        redis.execute("SCRIPT", "FLUSH");
        assertEquals(0L, replica.take(key, limit).await().atMost(Duration.ofSeconds(5)));
    }

    @Test
    void aBusyClientsBurstOfConcurrentRequestsIsNotRefusedWhileItsBucketHoldsEnough() {
        // A browser opening a page fires many queries at once; each used to take a whole lease, and ten leases
        // drained a bucket of 64 for eight requests (8 a lease).
        RateLimit bucket = new RateLimit(1, Duration.ofDays(1), 64, 0);
        TokenLeases replica = new TokenLeases(new ReactiveTokenBuckets(reactive), Duration.ofMillis(50), 32);
        String key = "kn-test:lease:" + UUID.randomUUID();
        // The key is known to be busy: 40 asks in one window (none of them spends yet), then the next window.
        for (int i = 0; i < 40; i++) {
            replica.spendLeased(key, bucket);
        }
        long next = System.nanoTime() + Duration.ofMillis(60).toNanos();
        while (System.nanoTime() < next) {
            Thread.onSpinWait();
        }
        java.util.List<io.smallrye.mutiny.Uni<Long>> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            assertTrue(!replica.spendLeased(key, bucket));
            burst.add(replica.take(key, bucket));
        }
        java.util.List<Long> waits = io.smallrye.mutiny.Uni.join().all(burst).andFailFast().await().atMost(Duration.ofSeconds(10));
        assertEquals(20, waits.stream().filter(w -> w == 0L).count(), "refused: " + waits);
    }
}
