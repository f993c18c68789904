package app.knowledgenetwork.apigateway.edge;

import app.knowledgenetwork.common.ratelimit.RateLimit;
import app.knowledgenetwork.common.ratelimit.ReactiveTokenBuckets;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Tokens this replica has taken from the shared Redis buckets ahead of need, so that a busy client does not
 * pay a Redis round trip on every request. Each Redis call for a key takes as many tokens as the key asked for
 * here in the previous window (at most {@code maxLease}, and at most an eighth of the bucket's burst), and the
 * tokens not used at once are spent locally until the window after the call ends; a key that asks rarely takes
 * one token per request, as without leases. Leased tokens are real tokens of the shared bucket, so all replicas
 * together never admit more than the limit; tokens left when a lease ends are given back. What it costs: close to
 * its limit, a client may be refused by one replica while another still holds a few of its tokens.
 */
final class TokenLeases {

    private static final Logger LOG = Logger.getLogger(TokenLeases.class);

    private final ReactiveTokenBuckets buckets;
    private final long windowNanos;
    private final int maxLease;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    static final Uni<Long> NO_WAIT = Uni.createFrom().item(0L);

    TokenLeases(ReactiveTokenBuckets buckets, java.time.Duration window, int maxLease) {
        if (maxLease < 1) {
            throw new IllegalArgumentException("kn.gateway.rate-limit.max-lease (RATE_LIMIT_MAX_LEASE) must be at least 1, was " + maxLease);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("kn.gateway.rate-limit.lease-window (RATE_LIMIT_LEASE_WINDOW) must be positive, was " + window);
        }
        this.buckets = buckets;
        this.windowNanos = window.toNanos();
        this.maxLease = maxLease;
    }

    /** One key's lease and demand, guarded by its own lock. */
    private static final class Lease {
        final RateLimit limit;
        int tokens;
        long endsAt;
        long windowStart;
        int askedThisWindow;
        int askedLastWindow;
        /** A call taking more than one token is on its way to Redis. */
        boolean leasing;

        Lease(RateLimit limit, long now) {
            this.limit = limit;
            this.windowStart = now;
        }
    }

    /**
     * Counts a request for {@code key} and spends one of its leased tokens if the lease holds one. False means
     * ask Redis with {@link #take}.
     */
    boolean spendLeased(String key, RateLimit limit) {
        long now = System.nanoTime();
        Lease lease = leases.computeIfAbsent(key, k -> new Lease(limit, now));
        synchronized (lease) {
            long elapsed = now - lease.windowStart;
            if (elapsed >= windowNanos) {
                lease.askedLastWindow = elapsed < 2 * windowNanos ? lease.askedThisWindow : 0;
                lease.askedThisWindow = 0;
                lease.windowStart = now;
            }
            lease.askedThisWindow++;
            if (lease.tokens > 0 && now < lease.endsAt) {
                lease.tokens--;
                return true;
            }
            return false;
        }
    }

    /** A leased token if there is one, else {@link #take}: 0, or the milliseconds to wait. */
    Uni<Long> acquire(String key, RateLimit limit) {
        return spendLeased(key, limit) ? NO_WAIT : take(key, limit);
    }

    /**
     * Takes a token from Redis, and a lease of more when the key is busy: 0, or the milliseconds to wait. Only one
     * lease is asked for at a time per key: requests arriving while it is on its way (a page firing ten queries at
     * once) take one token each, or else ten leases would drain the client's bucket for ten requests.
     */
    Uni<Long> take(String key, RateLimit limit) {
        Lease lease = leases.computeIfAbsent(key, k -> new Lease(limit, System.nanoTime()));
        int wanted;
        int leftOver = 0;
        boolean leasing;
        synchronized (lease) {
            long now = System.nanoTime();
            if (lease.tokens > 0 && now < lease.endsAt) {
                // Another request's lease arrived since this one looked.
                lease.tokens--;
                return NO_WAIT;
            }
            leasing = !lease.leasing;
            if (leasing) {
                lease.leasing = true;
                leftOver = lease.tokens;
                lease.tokens = 0;
                wanted = Math.max(1, Math.min(Math.min(maxLease, limit.burst() / 8), lease.askedLastWindow));
            } else {
                wanted = 1;
            }
        }
        if (leftOver > 0) {
            giveBack(key, limit, leftOver);
        }
        return buckets.take(key, limit, wanted)
                .onTermination().invoke(() -> {
                    if (leasing) {
                        synchronized (lease) {
                            lease.leasing = false;
                        }
                    }
                })
                .map(taken -> {
                    synchronized (lease) {
                        if (taken.tokens() == 0) {
                            if (lease.tokens > 0 && System.nanoTime() < lease.endsAt) {
                                lease.tokens--;
                                return 0L;
                            }
                            return taken.waitMillis();
                        }
                        if (taken.tokens() > 1) {
                            lease.tokens += taken.tokens() - 1;
                            lease.endsAt = System.nanoTime() + windowNanos;
                        }
                        return 0L;
                    }
                });
    }

    /** Forgets keys not asked for since {@code idleNanos}, giving their unspent tokens back. */
    void sweep(long idleNanos) {
        long now = System.nanoTime();
        leases.entrySet().removeIf(entry -> {
            Lease lease = entry.getValue();
            int leftOver;
            synchronized (lease) {
                if (now - lease.windowStart < idleNanos) {
                    return false;
                }
                leftOver = lease.tokens;
                lease.tokens = 0;
            }
            if (leftOver > 0) {
                giveBack(entry.getKey(), lease.limit, leftOver);
            }
            return true;
        });
    }

    int keys() {
        return leases.size();
    }

    private void giveBack(String key, RateLimit limit, int tokens) {
        buckets.giveBack(key, limit, tokens).subscribe().with(
                ignored -> { },
                failure -> LOG.debugf("rate limit: %d leased tokens of %s not given back (%s)", tokens, key, failure));
    }
}
