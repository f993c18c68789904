package app.knowledgenetwork.keepextractor.keepapi;

import app.knowledgenetwork.common.retry.RetryAfter;
import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpIOExceptionHandler;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.util.BackOff;
import com.google.api.client.util.ExponentialBackOff;
import com.google.api.client.util.Sleeper;
import com.google.auth.http.HttpCredentialsAdapter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * How one Keep API request recovers, through google-http-client's own handlers. A 401 goes to
 * google-auth-library's {@link HttpCredentialsAdapter}, which fetches a fresh access token (Google answers
 * {@code error="invalid_token"} for an expired or revoked one), and the request is sent again once. 429,
 * 5xx (and for a download 409 ABORTED) and dropped connections are retried by
 * {@link HttpBackOffUnsuccessfulResponseHandler} and {@link HttpBackOffIOExceptionHandler} under one
 * {@link ExponentialBackOff} (first wait {@code KEEP_INITIAL_BACKOFF}, factor {@code RETRY_BACKOFF_FACTOR},
 * half of each wait random), at most {@code MAX_RETRIES} times, and never sooner than the answer's
 * {@code Retry-After}. One instance per request: it counts that request's retries.
 */
final class KeepApiRetries implements HttpUnsuccessfulResponseHandler, HttpIOExceptionHandler {

    static final int MAX_BACKOFF_MILLIS = 30_000;

    private final HttpCredentialsAdapter credentials;
    private final RetryAfterSleeper sleeper = new RetryAfterSleeper();
    private final HttpBackOffUnsuccessfulResponseHandler onFailedAnswer;
    private final HttpBackOffIOExceptionHandler onDroppedConnection;
    private final int maxRetries;
    private int retries;
    private boolean refreshed;

    /** @param retryAborted whether a 409 ABORTED is worth sending again (a download; a listing restarts instead) */
    KeepApiRetries(HttpCredentialsAdapter credentials, KeepApiConfig config, boolean retryAborted) {
        this.credentials = credentials;
        this.maxRetries = config.maxRetries();
        BackOff backOff = new ExponentialBackOff.Builder()
                .setInitialIntervalMillis((int) Math.max(1, config.initialBackoff().toMillis()))
                .setMultiplier(config.backoffFactor())
                .setRandomizationFactor(0.5)
                .setMaxIntervalMillis(MAX_BACKOFF_MILLIS)
                .setMaxElapsedTimeMillis(Integer.MAX_VALUE)
                .build();
        this.onFailedAnswer = new HttpBackOffUnsuccessfulResponseHandler(backOff).setSleeper(sleeper)
                .setBackOffRequired(response -> isRetryable(response.getStatusCode(), retryAborted));
        this.onDroppedConnection = new HttpBackOffIOExceptionHandler(backOff).setSleeper(sleeper);
    }

    /** Sets this as the request's handlers, with room for every retry and one token refresh. */
    void applyTo(HttpRequest request) {
        request.setUnsuccessfulResponseHandler(this);
        request.setIOExceptionHandler(this);
        request.setNumberOfRetries(maxRetries + 1);
    }

    static boolean isRetryable(int status, boolean retryAborted) {
        return status == 429 || status / 100 == 5 || (retryAborted && status == 409);
    }

    @Override
    public boolean handleResponse(HttpRequest request, HttpResponse response, boolean supportsRetry) throws IOException {
        if (!supportsRetry) {
            return false;
        }
        if (response.getStatusCode() == 401) {
            if (refreshed) {
                return false;
            }
            refreshed = true;
            boolean refreshedToken = credentials.handleResponse(request, response, true);
            // The adapter re-initialises the request and so makes itself its handler: take the place back.
            request.setUnsuccessfulResponseHandler(this);
            return refreshedToken;
        }
        if (retries >= maxRetries) {
            return false;
        }
        sleeper.atLeast(RetryAfter.parse(response.getHeaders().getRetryAfter(), Instant.now()).orElse(Duration.ZERO));
        boolean retry = onFailedAnswer.handleResponse(request, response, true);
        if (retry) {
            retries++;
        }
        return retry;
    }

    @Override
    public boolean handleIOException(HttpRequest request, boolean supportsRetry) throws IOException {
        if (!supportsRetry || retries >= maxRetries) {
            return false;
        }
        boolean retry = onDroppedConnection.handleIOException(request, true);
        if (retry) {
            retries++;
        }
        return retry;
    }

    /** google-http-client's sleeper, made to wait at least the Retry-After of the answer being handled. */
    private static final class RetryAfterSleeper implements Sleeper {
        private long floorMillis;

        void atLeast(Duration retryAfter) {
            floorMillis = retryAfter.toMillis();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            long wait = Math.max(millis, floorMillis);
            floorMillis = 0;
            Sleeper.DEFAULT.sleep(wait);
        }
    }
}
