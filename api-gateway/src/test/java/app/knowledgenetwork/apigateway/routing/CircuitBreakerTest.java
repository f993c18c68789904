package app.knowledgenetwork.apigateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breaker.failed();
        breaker.failed();
        breaker.succeeded();
        breaker.failed();
        breaker.failed();
        assertTrue(breaker.allow());
        breaker.failed();
        assertFalse(breaker.allow());
        assertEquals(10, breaker.secondsUntilTrial());
    }

    @Test
    void afterTheOpenSpellOneTrialDecides() {
        for (int i = 0; i < 3; i++) {
            breaker.failed();
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(breaker.allow());
        assertFalse(breaker.allow(), "only one trial at a time");
        breaker.failed();
        assertFalse(breaker.allow(), "a failed trial opens it again");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(breaker.allow());
        breaker.succeeded();
        assertTrue(breaker.allow());
        assertTrue(breaker.allow());
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }
}
