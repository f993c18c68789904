package app.knowledgenetwork.common.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void threePerSecondSpacesTokensAThirdOfASecondApartPlusTheMargin() {
        assertEquals(333_333, new RateLimit(3, Duration.ofSeconds(1), 1, 0).intervalMicros());
        assertEquals(366_667, new RateLimit(3, Duration.ofSeconds(1), 1, 0.1).intervalMicros());
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheirName() {
        assertEquals("rate limit requests must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, Duration.ofSeconds(1), 1, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(3, Duration.ZERO, 1, 0));
    }
}
