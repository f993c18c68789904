package app.knowledgenetwork.common.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, 2, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5);

    @Test
    void backoffGrowsByTheFactorUpToTheCap() {
        List<Long> withoutJitter = new ArrayList<>();
        for (int retry = 1; retry <= 6; retry++) {
            withoutJitter.add(policy.delayBefore(retry, Optional.empty(), () -> 0.0).toMillis());
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), withoutJitter);
    }

    @Test
    void jitterShortensEachWaitByAtMostItsShare() {
        assertEquals(200, policy.delayBefore(3, Optional.empty(), () -> 1.0).toMillis());
        assertEquals(300, policy.delayBefore(3, Optional.empty(), () -> 0.5).toMillis());
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() {
        assertEquals(Duration.ofSeconds(3), policy.delayBefore(1, Optional.of(Duration.ofSeconds(3)), () -> 0.0));
        assertEquals(Duration.ofMillis(800), policy.delayBefore(4, Optional.of(Duration.ofMillis(10)), () -> 0.0));
    }

    @Test
    void rateLimitOverloadAndServerErrorsAreRetryableValidationIsNot() {
        for (int status : new int[] {409, 429, 500, 502, 503, 504, 529}) {
            assertTrue(RetryPolicy.isRetryableStatus(status), "status " + status);
        }
        for (int status : new int[] {200, 400, 401, 403, 404}) {
            assertFalse(RetryPolicy.isRetryableStatus(status), "status " + status);
        }
    }

    @Test
    void retryAfterHeaderReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }

    @Test
    void retrierStopsAfterMaxRetriesAndReturnsTheLastResult() throws Exception {
        List<Duration> waits = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Retrier retrier = new Retrier(policy, waits::add);
        int result = retrier.run(() -> { calls.incrementAndGet(); return 503; },
                status -> RetryPolicy.isRetryableStatus(status) ? Optional.of(new Retrier.RetryReason("503", Optional.empty())) : Optional.empty(),
                e -> false);
        assertEquals(503, result);
        assertEquals(6, calls.get(), "one attempt plus MAX_RETRIES retries");
        assertEquals(5, waits.size());
    }

    @Test
    void retrierReturnsAtOnceOnAFinalResult() throws Exception {
        List<Duration> waits = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        int result = new Retrier(policy, waits::add).run(() -> calls.incrementAndGet() < 3 ? 429 : 400,
                status -> RetryPolicy.isRetryableStatus(status) ? Optional.of(new Retrier.RetryReason("", Optional.of(Duration.ofSeconds(2)))) : Optional.empty(),
                e -> false);
        assertEquals(400, result);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), waits);
    }

    @Test
    void retrierRetriesDroppedConnectionsButNotOtherExceptions() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Duration> waits = new ArrayList<>();
        Retrier retrier = new Retrier(policy, waits::add);
        String result = retrier.run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("connection reset");
            }
            return "ok";
        }, r -> Optional.empty(), e -> e instanceof IOException);
        assertEquals("ok", result);
        assertEquals(3, calls.get(), "two dropped connections retried, then the answer");
        assertEquals(2, waits.size());

        AtomicInteger buggyCalls = new AtomicInteger();
        waits.clear();
        IllegalStateException bug = assertThrows(IllegalStateException.class, () -> retrier.run(() -> {
            buggyCalls.incrementAndGet();
            throw new IllegalStateException("bug");
        }, r -> Optional.empty(), e -> e instanceof IOException));
        assertEquals("bug", bug.getMessage());
        assertEquals(1, buggyCalls.get(), "an exception that is no dropped connection is not retried");
        assertEquals(List.of(), waits, "and nothing is waited for");
    }

    @Test
    void retrierGivesUpOnDroppedConnectionsAfterMaxRetries() {
        AtomicInteger calls = new AtomicInteger();
        List<Duration> waits = new ArrayList<>();
        IOException last = assertThrows(IOException.class, () -> new Retrier(policy, waits::add).run(() -> {
            throw new IOException("reset " + calls.incrementAndGet());
        }, r -> Optional.empty(), e -> e instanceof IOException));
        assertEquals(6, calls.get(), "one attempt plus MAX_RETRIES retries");
        assertEquals("reset 6", last.getMessage(), "the last failure is the one thrown");
        assertEquals(5, waits.size());
    }
}
