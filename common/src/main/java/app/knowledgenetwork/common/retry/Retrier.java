package app.knowledgenetwork.common.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs an attempt under a {@link RetryPolicy}: as long as the attempt's result asks for a retry and
 * retries are left, waits the policy's delay and tries again; then returns the last result, which
 * the caller turns into success or a failure.
 */
public final class Retrier {

    /** Why an attempt should be retried, and the server's Retry-After if it gave one. */
    public record RetryReason(String reason, Optional<Duration> retryAfter) {
    }

    /** One attempt; may throw, e.g. on a dropped connection. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public Retrier(RetryPolicy policy) {
        this(policy, duration -> Thread.sleep(duration.toMillis()));
    }

    public Retrier(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /**
     * @param attempt   the call
     * @param retryable empty when the result is final, else why to retry
     * @param onFailure exceptions worth retrying (a dropped connection); others propagate at once
     */
    public <T> T run(Attempt<T> attempt, Function<T, Optional<RetryReason>> retryable,
            Function<Exception, Boolean> onFailure) throws Exception {
        for (int retry = 0; ; retry++) {
            T result;
            Optional<RetryReason> reason;
            try {
                result = attempt.run();
                reason = retryable.apply(result);
                if (reason.isEmpty() || retry >= policy.maxRetries()) {
                    return result;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!onFailure.apply(e) || retry >= policy.maxRetries()) {
                    throw e;
                }
                reason = Optional.of(new RetryReason(e.getClass().getSimpleName(), Optional.empty()));
            }
            sleeper.sleep(policy.delayBefore(retry + 1, reason.get().retryAfter(), ThreadLocalRandom.current()::nextDouble));
        }
    }
}
