package app.knowledgenetwork.knowledgeapi.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This replica's one subscription to the change channel, fanned out to its local GraphQL subscribers by document id.
 * Every replica runs one, so a change made on any replica reaches subscribers on all of them. When the subscription
 * drops (Redis restarts, a network blip) it is made again with backoff, and every local subscriber re-reads its
 * document, so nothing missed meanwhile stays missed.
 */
@ApplicationScoped
public class ChangeFeed {
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final long FIRST_RETRY_MS = 250;
    private static final long MAX_RETRY_MS = 5_000;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final String channel;
    private final Map<UUID, Set<Consumer<ChangeMessage>>> listeners = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();
    private final AtomicLong attempts = new AtomicLong();
    /** The attempt whose subscription is live or being made; 0 while a retry is scheduled. */
    private final AtomicLong current = new AtomicLong();
    private volatile ReactiveRedisSubscriber subscriber;
    private volatile long retryMs = FIRST_RETRY_MS;
    private volatile boolean stopped;

    public ChangeFeed(ReactiveRedisDataSource redis, ObjectMapper json, Vertx vertx, @ConfigProperty(name = "kn.redis.key-prefix") String keyPrefix,
                      MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.vertx = vertx;
        this.channel = ChangeMessage.channel(keyPrefix);
        Gauge.builder("kn.live.subscriptions", this, ChangeFeed::listenerCount)
                .description("documentChanged subscriptions open on this replica").register(meters);
    }

    void start(@Observes StartupEvent event) {
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        ReactiveRedisSubscriber s = subscriber;
        if (s != null) {
            s.unsubscribe().subscribe().with(ok -> {
            }, e -> {
            });
        }
    }

    /** Completes once this replica receives changes (or never, while Redis is unreachable). */
    public Uni<Void> ready() {
        return Uni.createFrom().completionStage(firstSubscription);
    }

    /**
     * Calls {@code listener} with every change of the document and every membership change (anywhere: the listener
     * knows its workspace). Returns what stops it.
     */
    public Runnable listen(UUID documentId, Consumer<ChangeMessage> listener) {
        listeners.computeIfAbsent(documentId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(documentId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** Subscriptions open on this replica (metric kn_live_subscriptions). */
    public int listenerCount() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        long attempt = attempts.incrementAndGet();
        current.set(attempt);
        redis.pubsub(String.class).subscribe(List.of(channel), this::received, () -> lost(attempt, null), e -> lost(attempt, e))
                .subscribe().with(s -> connected(attempt, s), e -> lost(attempt, e));
    }

    private void connected(long attempt, ReactiveRedisSubscriber s) {
        if (current.get() != attempt) {
            s.unsubscribe().subscribe().with(ok -> {
            }, e -> {
            });
            return;
        }
        subscriber = s;
        boolean reconnected = retryMs != FIRST_RETRY_MS || firstSubscription.isDone();
        retryMs = FIRST_RETRY_MS;
        firstSubscription.complete(null);
        if (reconnected) {
            LOG.info("Live document changes: subscribed to Redis again; subscribers re-read their documents");
            ChangeMessage resync = ChangeMessage.resync();
            listeners.values().forEach(set -> set.forEach(l -> deliver(l, resync)));
        }
    }

    private void lost(long attempt, Throwable cause) {
        if (stopped || !current.compareAndSet(attempt, 0)) {
            return;
        }
        ReactiveRedisSubscriber old = subscriber;
        subscriber = null;
        if (old != null) {
            old.unsubscribe().subscribe().with(ok -> {
            }, e -> {
            });
        }
        long delay = retryMs;
        retryMs = Math.min(MAX_RETRY_MS, delay * 2);
        LOG.warnf("Live document changes: Redis subscription lost (%s); retrying in %d ms", cause == null ? "connection closed" : cause.getClass().getSimpleName(), delay);
        vertx.setTimer(delay, id -> connect());
    }

    private void received(String text) {
        ChangeMessage message;
        try {
            message = ChangeMessage.decode(json, text);
        } catch (Exception e) {
            LOG.warnf("Live document changes: ignored a message that is not a change (%s)", e.getClass().getSimpleName());
            return;
        }
        if (ChangeMessage.MEMBERSHIP.equals(message.kind())) {
            listeners.values().forEach(set -> set.forEach(l -> deliver(l, message)));
            return;
        }
        Set<Consumer<ChangeMessage>> set;
        try {
            set = listeners.get(UUID.fromString(message.id()));
        } catch (RuntimeException e) {
            return;
        }
        if (set != null) {
            set.forEach(l -> deliver(l, message));
        }
    }

    private static void deliver(Consumer<ChangeMessage> listener, ChangeMessage message) {
        try {
            listener.accept(message);
        } catch (RuntimeException e) {
            LOG.warn("Live document changes: a subscriber failed to take a change", e);
        }
    }
}
