package app.knowledgenetwork.notionwriter.notion;

import io.micrometer.core.instrument.Metrics;
import app.knowledgenetwork.common.retry.Retrier;
import app.knowledgenetwork.common.retry.RetryAfter;
import app.knowledgenetwork.common.retry.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The one door every request to Notion goes through: each attempt first waits for its slot from the
 * pacer shared by all replicas ({@link NotionPacer}), and 409/429/5xx answers or dropped connections are retried under
 * the retry policy, waiting at least as long as Notion's Retry-After. A 429's Retry-After also pauses
 * every other request of the token ({@link SharedPause}), in this writer and in every other replica.
 */
public final class NotionCallGovernor {

    /** What a governed call needs to know about its answer. */
    public interface Answer {
        int status();

        Optional<String> header(String name);
    }

    private final NotionPacer pacer;
    private final SharedPause pause;
    private final Retrier retrier;
    private final AtomicLong requests = new AtomicLong();

    public NotionCallGovernor(NotionPacer pacer, SharedPause pause, Retrier retrier) {
        this.pacer = pacer;
        this.pause = pause;
        this.retrier = retrier;
    }

    /** A request that may be sent again whenever it failed: a read, an update to given values, a delete. */
    public <T> T call(Retrier.Attempt<T> attempt, Function<T, Answer> answer) {
        return call(attempt, answer, true);
    }

    /**
     * A request that must not be sent twice blindly (a page create, a block append): it is sent again
     * only after answers that mean Notion did not carry it out (409, 429, 529) or when the connection
     * could not even be opened. A timeout, a connection dropped after sending, or a 500, 502, 503 or 504
     * are returned or thrown at once, for the caller to check what Notion now holds.
     */
    public <T> T callUnrepeatable(Retrier.Attempt<T> attempt, Function<T, Answer> answer) {
        return call(attempt, answer, false);
    }

    /**
     * Statuses after which Notion may or may not have carried out a request: 500, 502, 504, and 503,
     * which Notion also answers when a request ran past its time limit (the work may have been done).
     */
    public static boolean isOutcomeUnknown(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504;
    }

    private <T> T call(Retrier.Attempt<T> attempt, Function<T, Answer> answer, boolean repeatable) {
        try {
            return retrier.run(() -> {
                admit();
                requests.incrementAndGet();
                try {
                    return attempt.run();
                } catch (Exception e) {
                    countRequest("no_answer");
                    throw e;
                }
            }, result -> {
                Answer a = answer.apply(result);
                countRequest(String.valueOf(a.status()));
                Optional<Duration> retryAfter = RetryAfter.parse(a.header("Retry-After").orElse(null), Instant.now());
                if (a.status() == 429) {
                    retryAfter.ifPresent(pause::pauseFor);
                }
                if (!RetryPolicy.isRetryableStatus(a.status()) || (!repeatable && isOutcomeUnknown(a.status()))) {
                    return Optional.empty();
                }
                return Optional.of(new Retrier.RetryReason("HTTP " + a.status(), retryAfter));
            }, repeatable ? NotionCallGovernor::isConnectionFailure : NotionCallGovernor::isUnsentRequest);
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

    /**
     * Waits until the token may send: no pause running and this request's slot reached. A pause that
     * began while this writer waited for its slot is waited out too, with a fresh slot after it, so
     * that the writers held by a pause do not all fire the moment it ends.
     */
    private void admit() throws InterruptedException {
        do {
            pause.await();
            pacer.acquire();
        } while (pause.remainingMillis() > 0);
    }

    /**
     * {@code kn_notion_requests_total{status}}: every attempt by Notion's status ({@code no_answer} when
     * none came), as the business dashboard charts it. Through Micrometer's global registry, which
     * Quarkus joins to its Prometheus registry, because governors are made per token, not injected.
     */
    private static void countRequest(String status) {
        Metrics.counter("kn_notion_requests_total", "status", status).increment();
    }

    /** Requests sent so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    /** Waits as the retry policy does before retry number {@code retry} (1 for the first). */
    public void backOff(int retry) {
        try {
            Thread.sleep(retrier.policy().delayBefore(retry, Optional.empty(), ThreadLocalRandom.current()::nextDouble).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to call Notion", e);
        }
    }

    /** {@code MAX_RETRIES}: how often one request is sent again at most. */
    public int maxRetries() {
        return retrier.policy().maxRetries();
    }

    private static boolean isConnectionFailure(Exception e) {
        return e instanceof IOException || e instanceof UncheckedIOException || e.getCause() instanceof IOException;
    }

    /** The connection could not be opened, so Notion never saw the request. */
    private static boolean isUnsentRequest(Exception e) {
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
    }
}
