package app.knowledgenetwork.emulators.notion;

import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per token: Notion's rate limit (a token bucket: an average of {@code rate} requests a second with
 * bursts up to {@code burst}) and what tests inspect: requests, 429s, the highest number of requests
 * seen in any one-second window, and requests that came while a Retry-After given for the token was
 * still running (a client that paused only the request that got the 429, not the others of its token).
 */
@Singleton
public class NotionTraffic {

    /** Notion documents "an average of three requests per second"; the burst size is not published. */
    static final double DEFAULT_RATE = 3.0;
    static final double DEFAULT_BURST = 9.0;

    private final Map<String, TokenTraffic> byToken = new ConcurrentHashMap<>();

    /** Counts one request and tells how many seconds to wait when it is over the limit (0 = allowed). */
    public long admit(String token, long nowNanos) {
        return byToken.computeIfAbsent(token, t -> new TokenTraffic(DEFAULT_RATE, DEFAULT_BURST)).admit(nowNanos);
    }

    /** A 429 told the token's clients to wait {@code seconds} from {@code nowNanos}. */
    public void retryAfter(String token, long seconds, long nowNanos) {
        byToken.computeIfAbsent(token, t -> new TokenTraffic(DEFAULT_RATE, DEFAULT_BURST)).retryAfter(nowNanos + seconds * 1_000_000_000L);
    }

    public void configure(String token, double rate, double burst) {
        byToken.put(token, new TokenTraffic(rate, burst));
    }

    public Map<String, Object> stats(String token) {
        TokenTraffic traffic = byToken.get(token);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token);
        out.put("requests", traffic == null ? 0 : traffic.requests);
        out.put("rateLimited", traffic == null ? 0 : traffic.rateLimited);
        out.put("maxRequestsInOneSecond", traffic == null ? 0 : traffic.maxInWindow);
        out.put("requestsDuringRetryAfter", traffic == null ? 0 : traffic.duringRetryAfter);
        // from the first request to the last: (requests - 1) / span is the rate the token was used at
        out.put("requestSpanMillis", traffic == null || traffic.first < 0 ? 0 : (traffic.last - traffic.first) / 1_000_000);
        return out;
    }

    public void reset() {
        byToken.clear();
    }

    private static final class TokenTraffic {
        private final double rate;
        private final double burst;
        private double tokens;
        private long lastRefill = -1;
        private long requests;
        private long rateLimited;
        private int maxInWindow;
        private final Deque<Long> lastSecond = new ArrayDeque<>();
        /** Until when (System.nanoTime) the last Retry-After given for the token runs; none yet: no value. */
        private Long retryAfterUntil;
        private long duringRetryAfter;
        private long first = -1;
        private long last;

        TokenTraffic(double rate, double burst) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized void retryAfter(long until) {
            if (retryAfterUntil == null || until - retryAfterUntil > 0) {
                retryAfterUntil = until;
            }
        }

        synchronized long admit(long now) {
            requests++;
            if (first < 0) {
                first = now;
            }
            last = now;
            if (retryAfterUntil != null && now - retryAfterUntil < 0) {
                duringRetryAfter++;
            }
            while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= 1_000_000_000L) {
                lastSecond.pollFirst();
            }
            lastSecond.addLast(now);
            maxInWindow = Math.max(maxInWindow, lastSecond.size());
            if (lastRefill >= 0) {
                tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * rate);
            }
            lastRefill = now;
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return 0;
            }
            rateLimited++;
            return Math.max(1, (long) Math.ceil((1.0 - tokens) / rate));
        }
    }
}
