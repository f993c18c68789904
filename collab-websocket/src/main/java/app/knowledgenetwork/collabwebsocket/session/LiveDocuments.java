package app.knowledgenetwork.collabwebsocket.session;

import app.knowledgenetwork.collabwebsocket.CollabConfig;
import app.knowledgenetwork.collabwebsocket.metrics.CollabMetrics;
import app.knowledgenetwork.collabwebsocket.protocol.CloseCode;
import app.knowledgenetwork.collabwebsocket.protocol.ServerMessages;
import app.knowledgenetwork.collabwebsocket.saving.KnowledgeApiNotices;
import app.knowledgenetwork.collabwebsocket.saving.Saver;
import app.knowledgenetwork.collabwebsocket.saving.Snapshots;
import app.knowledgenetwork.collabwebsocket.sequencing.OpLog;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The documents live on this replica, and its one Redis subscription: every document's channel (a pattern, so joining
 * a document costs no subscribe round trip) and knowledge-api's change channel. When the subscription drops it is made
 * again with backoff and every live document reads what it missed from the log.
 */
@ApplicationScoped
public class LiveDocuments implements LiveContext {
    private static final Logger LOG = Logger.getLogger(LiveDocuments.class);
    private static final long FIRST_RETRY_MS = 250;
    private static final long MAX_RETRY_MS = 5_000;

    private final OpLog opLog;
    private final Snapshots snapshots;
    private final Saver saver;
    private final CollabMetrics metrics;
    private final CollabConfig config;
    private final ObjectMapper json;
    private final ServerMessages messages;
    private final ReactiveRedisDataSource reactive;
    private final String changeChannel;
    private final Sessions sessions;
    private final RedisLoop redisLoop;
    private final Map<UUID, LiveDocument> documents = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "collab-timers");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong attempts = new AtomicLong();
    private volatile ReactiveRedisSubscriber subscriber;
    private volatile long retryMs = FIRST_RETRY_MS;
    private volatile boolean stopped;
    private volatile boolean subscribedOnce;

    public LiveDocuments(OpLog opLog, Snapshots snapshots, Saver saver, CollabMetrics metrics, CollabConfig config, ObjectMapper json,
                         ReactiveRedisDataSource reactive, KnowledgeApiNotices notices, Sessions sessions, Vertx vertx) {
        this.redisLoop = new RedisLoop((VertxInternal) vertx, reactive.getRedis().getDelegate());
        this.opLog = opLog;
        this.snapshots = snapshots;
        this.saver = saver;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
        this.messages = new ServerMessages(json);
        this.reactive = reactive;
        this.changeChannel = notices.changeChannel();
        this.sessions = sessions;
    }

    void start(@Observes StartupEvent event) {
        metrics.liveState(this::sessionCount, documents::size);
        long presenceEvery = Math.max(1000, config.presenceTtl().toMillis() / 3);
        timers.scheduleWithFixedDelay(() -> documents.values().forEach(d -> d.queue.execute(d::refreshPresence)), presenceEvery, presenceEvery,
                TimeUnit.MILLISECONDS);
        subscribe();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        ReactiveRedisSubscriber s = subscriber;
        if (s != null) {
            s.unsubscribe().subscribe().with(ok -> { }, e -> { });
        }
        // Clients go to another replica; what they typed here is saved before this one stops.
        for (LiveDocument d : documents.values()) {
            d.closeAll(CloseCode.GOING_AWAY);
            try {
                saver.save(d);
            } catch (RuntimeException e) {
                LOG.warnf("Document %s not saved at shutdown (%s); its live state stays in Redis", d.id, e.toString());
            }
        }
        timers.shutdownNow();
    }

    /** The document's live state here, held for a join until {@link LiveDocument#join} runs. */
    LiveDocument forJoin(UUID id, UUID workspaceId) {
        return documents.compute(id, (key, existing) -> {
            LiveDocument d = existing != null ? existing : new LiveDocument(id, this);
            d.workspaceId = workspaceId;
            d.joining.incrementAndGet();
            return d;
        });
    }

    LiveDocument find(UUID id) {
        return documents.get(id);
    }

    Collection<LiveDocument> all() {
        return documents.values();
    }

    int sessionCount() {
        int n = 0;
        for (LiveDocument d : documents.values()) {
            for (ClientSession s : d.sessions.values()) {
                if (s.joined()) {
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public void unloadIfIdle(LiveDocument document) {
        documents.computeIfPresent(document.id, (key, d) -> d == document && d.idle() ? null : d);
    }

    // ---- the Redis subscription ----

    private void subscribe() {
        if (stopped) {
            return;
        }
        long attempt = attempts.incrementAndGet();
        reactive.pubsub(String.class)
                .subscribeToPatterns(List.of(opLog.channelPattern(), changeChannel), this::received, () -> lost(attempt, null), e -> lost(attempt, e))
                .subscribe().with(s -> subscribed(attempt, s), e -> lost(attempt, e));
    }

    private void subscribed(long attempt, ReactiveRedisSubscriber s) {
        if (attempts.get() != attempt) {
            s.unsubscribe().subscribe().with(ok -> { }, e -> { });
            return;
        }
        subscriber = s;
        retryMs = FIRST_RETRY_MS;
        Thread.ofVirtual().name("collab-redis-loop").start(redisLoop::find);
        if (subscribedOnce) {
            LOG.info("Collaboration: subscribed to Redis again; live documents read what they missed from the log");
            documents.values().forEach(d -> d.queue.execute(d::resync));
        }
        subscribedOnce = true;
    }

    private void lost(long attempt, Throwable cause) {
        if (stopped || attempts.get() != attempt) {
            return;
        }
        attempts.incrementAndGet();
        ReactiveRedisSubscriber old = subscriber;
        subscriber = null;
        if (old != null) {
            old.unsubscribe().subscribe().with(ok -> { }, e -> { });
        }
        long delay = retryMs;
        retryMs = Math.min(MAX_RETRY_MS, delay * 2);
        LOG.warnf("Collaboration: Redis subscription lost (%s); retrying in %d ms", cause == null ? "connection closed" : cause.getClass().getSimpleName(), delay);
        timers.schedule(this::subscribe, delay, TimeUnit.MILLISECONDS);
    }

    private void received(String channel, String text) {
        try {
            if (channel.equals(changeChannel)) {
                sessions.changed(json.readTree(text));
                return;
            }
            UUID id = opLog.documentOf(channel);
            LiveDocument d = id == null ? null : documents.get(id);
            if (d == null) {
                return;
            }
            if (appliedAlready(d, text)) {
                return;
            }
            JsonNode message = json.readTree(text);
            d.queue.execute(() -> d.received(message));
        } catch (Exception e) {
            LOG.debugf("Ignored a message on %s (%s)", channel, e.toString());
        }
    }

    /**
     * Whether {@code text} is an operation {@code d} has applied (its own echo, mostly): read as far as its epoch and
     * version ({@code e} and {@code v}, the first fields of a {@link app.knowledgenetwork.collabwebsocket.sequencing.SequencedOp}),
     * without building its tree.
     */
    private boolean appliedAlready(LiveDocument d, String text) throws java.io.IOException {
        String epoch = null;
        long version = -1;
        try (JsonParser p = json.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("e".equals(field) && value == JsonToken.VALUE_STRING) {
                    epoch = p.getText();
                } else if ("v".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    version = p.getLongValue();
                } else {
                    p.skipChildren();
                }
                if (epoch != null && version >= 0) {
                    return d.applied(epoch, version);
                }
            }
        }
        return false;
    }

    // ---- LiveContext ----

    @Override
    public OpLog opLog() {
        return opLog;
    }

    @Override
    public Snapshots snapshots() {
        return snapshots;
    }

    @Override
    public ServerMessages messages() {
        return messages;
    }

    @Override
    public CollabMetrics metrics() {
        return metrics;
    }

    @Override
    public CollabConfig config() {
        return config;
    }

    @Override
    public ObjectMapper json() {
        return json;
    }

    @Override
    public ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public ContextInternal documentContext() {
        return redisLoop.context();
    }

    @Override
    public boolean save(LiveDocument document) {
        return saver.save(document);
    }
}
