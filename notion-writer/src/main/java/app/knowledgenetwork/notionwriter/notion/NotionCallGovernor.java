package app.knowledgenetwork.notionwriter.notion;

import app.knowledgenetwork.common.ratelimit.RedisTokenBucket;
import app.knowledgenetwork.common.retry.Retrier;
import app.knowledgenetwork.common.retry.RetryAfter;
import app.knowledgenetwork.common.retry.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The one door every request to Notion goes through: each attempt first takes a token from the
 * bucket shared by all replicas, and 409/429/5xx answers or dropped connections are retried under
 * the retry policy, waiting at least as long as Notion's Retry-After.
 */
public final class NotionCallGovernor {

    /** What a governed call needs to know about its answer. */
    public interface Answer {
        int status();

        Optional<String> header(String name);
    }

    private final RedisTokenBucket bucket;
    private final Retrier retrier;
    private final AtomicLong requests = new AtomicLong();

    public NotionCallGovernor(RedisTokenBucket bucket, Retrier retrier) {
        this.bucket = bucket;
        this.retrier = retrier;
    }

    public <T> T call(Retrier.Attempt<T> attempt, Function<T, Answer> answer) {
        try {
            return retrier.run(() -> {
                bucket.acquire();
                requests.incrementAndGet();
                return attempt.run();
            }, result -> {
                Answer a = answer.apply(result);
                if (!RetryPolicy.isRetryableStatus(a.status())) {
                    return Optional.empty();
                }
                return Optional.of(new Retrier.RetryReason("HTTP " + a.status(),
                        RetryAfter.parse(a.header("Retry-After").orElse(null), Instant.now())));
            }, NotionCallGovernor::isConnectionFailure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to call Notion", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests sent so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    private static boolean isConnectionFailure(Exception e) {
        return e instanceof IOException || e instanceof UncheckedIOException || e.getCause() instanceof IOException;
    }
}
