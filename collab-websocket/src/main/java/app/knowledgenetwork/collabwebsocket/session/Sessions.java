package app.knowledgenetwork.collabwebsocket.session;

import app.knowledgenetwork.collabwebsocket.CollabConfig;
import app.knowledgenetwork.collabwebsocket.access.AccessTokens;
import app.knowledgenetwork.collabwebsocket.access.DocumentAccess;
import app.knowledgenetwork.collabwebsocket.access.InvalidToken;
import app.knowledgenetwork.collabwebsocket.access.Memberships;
import app.knowledgenetwork.collabwebsocket.access.VerifiedToken;
import app.knowledgenetwork.collabwebsocket.metrics.CollabMetrics;
import app.knowledgenetwork.collabwebsocket.presence.Colors;
import app.knowledgenetwork.collabwebsocket.protocol.ClientMessage;
import app.knowledgenetwork.collabwebsocket.protocol.CloseCode;
import app.knowledgenetwork.collabwebsocket.protocol.ErrorCode;
import app.knowledgenetwork.collabwebsocket.protocol.ServerMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every connection's way through the protocol: the auth message (token verified against knowledge-api's keys, role
 * read from the workspace's members), the join, the messages after it, and its end. Rights are checked again when
 * knowledge-api announces a membership or document change, and every {@code recheck-interval} besides; a token is
 * good until it expires unless a fresh one is sent.
 */
@ApplicationScoped
public class Sessions {
    private static final Logger LOG = Logger.getLogger(Sessions.class);
    private static final Set<String> LIFECYCLE = Set.of("DocumentTrashed", "DocumentRestored", "DocumentArchived", "DocumentUnarchived", "DocumentPurged",
            "DocumentMoved");

    private final Map<String, ClientSession> byConnection = new ConcurrentHashMap<>();
    private final AccessTokens tokens;
    private final Memberships memberships;
    private final CollabConfig config;
    private final CollabMetrics metrics;
    private final ServerMessages messages;
    private final ObjectMapper json;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "collab-session-timers");
        t.setDaemon(true);
        return t;
    });
    @Inject
    LiveDocuments documents;

    public Sessions(AccessTokens tokens, Memberships memberships, CollabConfig config, CollabMetrics metrics, ObjectMapper json) {
        this.tokens = tokens;
        this.memberships = memberships;
        this.config = config;
        this.metrics = metrics;
        this.json = json;
        this.messages = new ServerMessages(json);
    }

    void start(@Observes StartupEvent event) {
        timers.scheduleWithFixedDelay(this::closeIdle, 5, 5, TimeUnit.SECONDS);
        long recheck = config.recheckInterval().toMillis();
        timers.scheduleWithFixedDelay(() -> documents.all().forEach(d -> Thread.ofVirtual().start(() -> recheck(d))), recheck, recheck,
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes io.quarkus.runtime.ShutdownEvent event) {
        timers.shutdownNow();
    }

    // ---- the endpoint's callbacks (event loop: nothing here blocks) ----

    void opened(WebSocketConnection connection) {
        metrics.opened();
        UUID documentId;
        try {
            documentId = UUID.fromString(connection.pathParam("documentId"));
        } catch (IllegalArgumentException | NullPointerException e) {
            connection.close(CloseCode.NOT_FOUND.reason("the path must be /collab/{document id}")).subscribe().with(ok -> { }, err -> { });
            return;
        }
        ClientSession session = new ClientSession(connection, documentId, config.maxPendingBytes(), this::tooSlow);
        byConnection.put(connection.id(), session);
        timers.schedule(() -> {
            if (session.state == ClientSession.State.AWAITING_AUTH) {
                session.close(CloseCode.TIMEOUT, "no auth message within " + config.authTimeout().toSeconds() + " s");
            }
        }, config.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    void heard(WebSocketConnection connection) {
        ClientSession s = byConnection.get(connection.id());
        if (s != null) {
            s.heard();
        }
    }

    void received(WebSocketConnection connection, String text) {
        ClientSession s = byConnection.get(connection.id());
        if (s == null || s.state == ClientSession.State.CLOSED) {
            return;
        }
        s.heard();
        ClientMessage message = ClientMessage.parse(json, text);
        if (s.state == ClientSession.State.AWAITING_AUTH && !(message instanceof ClientMessage.Auth)) {
            s.close(message instanceof ClientMessage.Unreadable bad ? CloseCode.BAD_REQUEST : CloseCode.UNAUTHENTICATED,
                    message instanceof ClientMessage.Unreadable bad2 ? bad2.problem() : "the first message must be auth");
            return;
        }
        switch (message) {
            case ClientMessage.Auth auth -> {
                if (s.state == ClientSession.State.AWAITING_AUTH) {
                    s.state = ClientSession.State.JOINING;
                    Thread.ofVirtual().name("collab-auth").start(() -> authenticate(s, auth));
                } else if (s.state == ClientSession.State.JOINED) {
                    Thread.ofVirtual().name("collab-auth").start(() -> refresh(s, auth));
                }
            }
            case ClientMessage.Submit submit -> {
                LiveDocument d = joinedDocument(s, submit.seq());
                if (d == null) {
                    return;
                }
                if (!s.takeOperationToken(config.opsPerSecond(), config.opsBurst())) {
                    metrics.rejected("rate_limited");
                    s.send(messages.error(ErrorCode.RATE_LIMITED, "more than " + config.opsPerSecond() + " operations per second: resubmit later", submit.seq()));
                    return;
                }
                d.queue.execute(() -> d.submit(s, submit));
            }
            case ClientMessage.Presence presence -> {
                LiveDocument d = joinedDocument(s, null);
                if (d != null) {
                    throttledPresence(s, d, presence);
                }
            }
            case ClientMessage.Ping ping -> s.send(messages.pong());
            case ClientMessage.Unreadable bad -> s.send(messages.error(ErrorCode.BAD_MESSAGE, bad.problem(), null));
        }
    }

    void closed(WebSocketConnection connection) {
        metrics.closed();
        ClientSession s = byConnection.remove(connection.id());
        if (s == null) {
            return;
        }
        s.close(CloseCode.GOING_AWAY, null);
        LiveDocument d = documents.find(s.documentId);
        if (d != null) {
            d.queue.execute(() -> d.leave(s));
        }
    }

    /**
     * Nothing more is sent to it and it leaves its document now: its close frame may wait behind what it has not read,
     * but what it costs the replica is bounded by what was queued before.
     */
    private void tooSlow(ClientSession s) {
        s.close(CloseCode.TOO_SLOW, null);
        metrics.rejected("slow_consumer");
        LiveDocument d = documents.find(s.documentId);
        if (d != null) {
            d.queue.execute(() -> d.leave(s));
        }
    }

    private LiveDocument joinedDocument(ClientSession s, Long seq) {
        LiveDocument d = s.joined() ? documents.find(s.documentId) : null;
        if (d == null) {
            s.send(messages.error(ErrorCode.NOT_JOINED, "wait for the joined message before sending this", seq));
        }
        return d;
    }

    private void throttledPresence(ClientSession s, LiveDocument d, ClientMessage.Presence presence) {
        long now = System.nanoTime();
        long interval = config.presenceInterval().toNanos();
        long wait = s.lastPresenceNanos + interval - now;
        if (wait <= 0 && !s.presenceScheduled) {
            s.lastPresenceNanos = now;
            d.queue.execute(() -> d.presence(s, presence));
            return;
        }
        s.pendingPresence = presence;
        if (!s.presenceScheduled) {
            s.presenceScheduled = true;
            timers.schedule(() -> {
                s.presenceScheduled = false;
                s.lastPresenceNanos = System.nanoTime();
                ClientMessage.Presence latest = s.pendingPresence;
                s.pendingPresence = null;
                if (latest != null) {
                    d.queue.execute(() -> d.presence(s, latest));
                }
            }, Math.max(0, wait), TimeUnit.NANOSECONDS);
        }
    }

    // ---- authentication and rights (virtual threads) ----

    private void authenticate(ClientSession s, ClientMessage.Auth auth) {
        if (auth.protocol() != null && auth.protocol() != ClientMessage.PROTOCOL_VERSION) {
            s.close(CloseCode.BAD_REQUEST, "protocol " + auth.protocol() + " not supported; this server speaks " + ClientMessage.PROTOCOL_VERSION);
            return;
        }
        if (auth.token() == null) {
            s.close(CloseCode.UNAUTHENTICATED, "no token");
            return;
        }
        VerifiedToken token;
        try {
            token = tokens.verify(auth.token());
        } catch (InvalidToken e) {
            s.close(CloseCode.UNAUTHENTICATED, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warnf("Tokens cannot be verified: the JWK Set is not reachable (%s)", e.toString());
            s.close(CloseCode.UNAVAILABLE, "tokens cannot be verified now");
            return;
        }
        DocumentAccess access;
        try {
            access = memberships.access(token.userId(), s.documentId);
        } catch (Exception e) {
            LOG.warnf("Rights of %s on %s not readable (%s)", token.userId(), s.documentId, e.toString());
            s.close(CloseCode.UNAVAILABLE, "PostgreSQL did not answer");
            return;
        }
        s.userId = token.userId();
        if (!refuse(s, access)) {
            return;
        }
        s.role = access.role();
        s.canEdit = access.mayEdit();
        s.storedRevision = access.revision();
        s.name = auth.name() != null ? auth.name() : access.displayName();
        s.color = Colors.of(token.userId(), auth.color());
        s.fillOperationTokens(config.opsBurst());
        expireAt(s, token.expiresAt());
        LiveDocument d = documents.forJoin(s.documentId, access.workspaceId());
        d.queue.execute(() -> d.join(s, auth));
    }

    /** Closes the session if {@code access} does not let it in; returns whether it may stay. */
    private boolean refuse(ClientSession s, DocumentAccess access) {
        if (!access.exists() || access.trashed()) {
            s.close(CloseCode.NOT_FOUND, access.trashed() ? "the document is in the trash" : null);
            return false;
        }
        if (access.userDisabled()) {
            s.close(CloseCode.FORBIDDEN, "account disabled");
            return false;
        }
        if (access.role() == null) {
            s.close(CloseCode.FORBIDDEN, "not a member of the document's workspace");
            return false;
        }
        return true;
    }

    private void refresh(ClientSession s, ClientMessage.Auth auth) {
        if (auth.token() == null) {
            s.send(messages.error(ErrorCode.BAD_MESSAGE, "auth: token: required", null));
            return;
        }
        try {
            VerifiedToken token = tokens.verify(auth.token());
            if (!token.userId().equals(s.userId)) {
                s.close(CloseCode.UNAUTHENTICATED, "a token of another user");
                return;
            }
            expireAt(s, token.expiresAt());
            s.send(messages.authenticated(token.expiresAt()));
        } catch (InvalidToken e) {
            s.close(CloseCode.UNAUTHENTICATED, e.getMessage());
        } catch (RuntimeException e) {
            s.send(messages.error(ErrorCode.UNAVAILABLE, "the token could not be verified now: send it again", null));
        }
    }

    private void expireAt(ClientSession s, Instant expiresAt) {
        s.expiresAt = expiresAt;
        if (s.expiry != null) {
            s.expiry.cancel(false);
        }
        long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        s.expiry = timers.schedule(() -> s.close(CloseCode.UNAUTHENTICATED, "token expired"), delay, TimeUnit.MILLISECONDS);
    }

    /** Reads every session's rights on the document again: removed members and trashed documents are closed. */
    void recheck(LiveDocument d) {
        for (ClientSession s : d.sessions.values()) {
            if (!s.joined()) {
                continue;
            }
            DocumentAccess access;
            try {
                access = memberships.access(s.userId, d.id);
            } catch (Exception e) {
                return;
            }
            if (!refuse(s, access)) {
                continue;
            }
            boolean canEdit = access.mayEdit();
            if (access.role() != s.role || canEdit != s.canEdit) {
                s.role = access.role();
                s.canEdit = canEdit;
                s.send(messages.role(access.role().name(), canEdit));
            }
        }
    }

    /** A message of knowledge-api's change channel (see its live/ChangeMessage). */
    void changed(JsonNode message) {
        String kind = message.path("kind").asText();
        String id = message.path("id").asText();
        if ("membership".equals(kind)) {
            for (LiveDocument d : documents.all()) {
                if (d.workspaceId != null && d.workspaceId.toString().equals(id)) {
                    Thread.ofVirtual().start(() -> recheck(d));
                }
            }
            return;
        }
        LiveDocument d;
        try {
            d = documents.find(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return;
        }
        if (d == null) {
            return;
        }
        if (LIFECYCLE.contains(message.path("type").asText())) {
            Thread.ofVirtual().start(() -> recheck(d));
        }
        long revision = message.path("revision").asLong(-1);
        if (revision > d.knownRevision && !"DocumentPurged".equals(message.path("type").asText())) {
            // Saved through knowledge-api while people edit it live: merged now (see saving/Saver).
            d.queue.execute(() -> d.requestSave(0));
        }
    }

    private void closeIdle() {
        long limit = System.nanoTime() - config.idleTimeout().toNanos();
        for (ClientSession s : byConnection.values()) {
            if (s.lastHeardNanos < limit && s.state != ClientSession.State.CLOSED) {
                s.close(CloseCode.TIMEOUT, "nothing heard for " + config.idleTimeout().toSeconds() + " s");
            }
        }
    }
}
