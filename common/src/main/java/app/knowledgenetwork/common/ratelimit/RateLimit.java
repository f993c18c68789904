package app.knowledgenetwork.common.ratelimit;

import java.time.Duration;

/**
 * A rate of {@code requests} per {@code period}, spent through a bucket of {@code burst} tokens.
 *
 * @param requests requests allowed per period ({@code NOTION_RATE_LIMIT_REQUESTS})
 * @param period   the period ({@code NOTION_RATE_LIMIT_PERIOD} seconds)
 * @param burst    how many requests may go back to back after a quiet spell; 1 spaces every request
 * @param margin   fraction added to the spacing, so that network jitter never squeezes more than
 *                 {@code requests} arrivals into one of the server's periods (0.1 = 10 % slower)
 */
public record RateLimit(int requests, Duration period, int burst, double margin) {

    public RateLimit {
        if (requests < 1) {
            throw new IllegalArgumentException("rate limit requests must be at least 1, was " + requests);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("rate limit period must be positive, was " + period);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit burst must be at least 1, was " + burst);
        }
        if (margin < 0 || margin >= 1) {
            throw new IllegalArgumentException("rate limit margin must be in [0, 1), was " + margin);
        }
    }

    /** Time between two tokens, margin included. */
    public long intervalMicros() {
        return Math.round(period.toNanos() / 1000.0 / requests * (1 + margin));
    }
}
