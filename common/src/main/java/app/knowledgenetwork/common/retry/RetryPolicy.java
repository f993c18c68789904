package app.knowledgenetwork.common.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th retry waits {@code initialDelay × factor^(n-1)}, capped at
 * {@code maxDelay}, shortened at random by up to {@code jitter} of itself so that replicas that failed
 * together do not retry together; never shorter than the server's {@code Retry-After}.
 *
 * @param maxRetries    retries after the first attempt ({@code MAX_RETRIES}, 5)
 * @param backoffFactor growth per retry ({@code RETRY_BACKOFF_FACTOR}, 2)
 * @param initialDelay  wait before the first retry
 * @param maxDelay      longest backoff (a Retry-After may ask for more and is honoured)
 * @param jitter        fraction in [0, 1] of each backoff that is random
 */
public record RetryPolicy(int maxRetries, double backoffFactor, Duration initialDelay, Duration maxDelay, double jitter) {

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must not be negative, was " + maxRetries);
        }
        if (backoffFactor < 1) {
            throw new IllegalArgumentException("backoff factor must be at least 1, was " + backoffFactor);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
        }
    }

    /** Defaults of DESIGN.md: 5 retries, factor 2, from 500 ms up to 30 s, half of each wait random. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, 2, Duration.ofMillis(500), Duration.ofSeconds(30), 0.5);
    }

    /**
     * Whether an HTTP status is worth retrying: 429 and 529 (over the rate or overloaded), any 5xx,
     * and 409 (Notion's conflict_error, a write that collided and succeeds when sent again). Any
     * other 4xx, such as a validation error, fails the same way every time.
     */
    public static boolean isRetryableStatus(int status) {
        return status == 409 || status == 429 || (status >= 500 && status <= 599);
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry, Optional<Duration> retryAfter, DoubleSupplier random) {
        double base = initialDelay.toMillis() * Math.pow(backoffFactor, Math.max(0, retry - 1));
        base = Math.min(base, maxDelay.toMillis());
        long backoff = Math.round(base * (1 - jitter * random.getAsDouble()));
        Duration delay = Duration.ofMillis(backoff);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            return retryAfter.get();
        }
        return delay;
    }
}
