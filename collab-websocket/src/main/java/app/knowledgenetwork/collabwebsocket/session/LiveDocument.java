package app.knowledgenetwork.collabwebsocket.session;

import app.knowledgenetwork.collabwebsocket.ot.InvalidOperation;
import app.knowledgenetwork.collabwebsocket.ot.Side;
import app.knowledgenetwork.collabwebsocket.ot.TextOperation;
import app.knowledgenetwork.collabwebsocket.presence.PresenceEntry;
import app.knowledgenetwork.collabwebsocket.protocol.ClientMessage;
import app.knowledgenetwork.collabwebsocket.protocol.CloseCode;
import app.knowledgenetwork.collabwebsocket.protocol.ErrorCode;
import app.knowledgenetwork.collabwebsocket.saving.StoredDocument;
import app.knowledgenetwork.collabwebsocket.sequencing.LiveState;
import app.knowledgenetwork.collabwebsocket.sequencing.SequencedOp;
import app.knowledgenetwork.collabwebsocket.sequencing.SubmitOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A document live on this replica: its text at the latest version this replica has seen, the recent operations (to
 * transform late ones and catch clients up without asking Redis), the clients connected here and everyone's presence.
 * Versions are assigned by Redis ({@link app.knowledgenetwork.collabwebsocket.sequencing.OpLog}); this replica applies
 * operations strictly in version order, so every client here sees them in that order, each ack after every operation
 * before it. All state is touched only from the document's {@link SerialQueue}.
 */
public final class LiveDocument {
    private static final Logger LOG = Logger.getLogger(LiveDocument.class);
    /** The source of operations merged from changes saved through knowledge-api; their seq is the row's revision. */
    public static final String KNOWLEDGE_API_SOURCE = "knowledge-api";
    private static final int MAX_SUBMIT_ATTEMPTS = 50;

    private record Applied(SequencedOp entry, TextOperation op) {
    }

    private record Position(String epoch, long version) {
    }

    /** The text at a version, and who made the latest edit in it (null: nobody since it was loaded). */
    public record Snapshot(String epoch, long version, String text, UUID lastAuthor) {
    }

    final UUID id;
    final SerialQueue queue;
    private final LiveContext context;
    final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, PresenceEntry> presence = new ConcurrentHashMap<>();
    private final ArrayDeque<Applied> history = new ArrayDeque<>();

    volatile UUID workspaceId;
    private boolean loaded;
    /** Where the text is, for the subscription's event loop to drop the echo of what is applied already. */
    private volatile Position position;
    private String epoch;
    private long version;
    private String text;
    private UUID lastAuthor;
    /** The document revision this replica knows is saved (or merged) into PostgreSQL. */
    volatile long knownRevision = -1;

    // Saving: debounced after edits made through this replica, at most saveMaxDelay after the first unsaved one.
    private final AtomicBoolean saving = new AtomicBoolean();
    private volatile boolean saveAgain;
    private long firstUnsavedNanos;
    private ScheduledFuture<?> saveTimer;

    LiveDocument(UUID id, LiveContext context) {
        this.id = id;
        this.context = context;
        this.queue = new SerialQueue("collab-" + id, context::documentContext);
    }

    // ---- loading and catching up (in the queue) ----

    private void ensureLoaded() throws Exception {
        if (loaded) {
            return;
        }
        LiveState state = context.opLog().read(id, -1);
        if (state == null) {
            StoredDocument stored = context.snapshots().current(id);
            if (stored == null) {
                throw new DocumentGone();
            }
            context.opLog().create(id, UUID.randomUUID().toString(), stored.content(), stored.revision());
            state = context.opLog().read(id, -1);
            if (state == null) {
                throw new IllegalStateException("the live state of " + id + " vanished right after it was created");
            }
        }
        epoch = state.epoch();
        text = state.snapshotText();
        version = state.snapshotVersion();
        history.clear();
        knownRevision = state.revision();
        lastAuthor = null;
        for (SequencedOp e : state.operations()) {
            TextOperation op = e.operation();
            text = op.apply(text);
            version = e.version() + 1;
            remember(e, op);
        }
        loaded = true;
        position = new Position(epoch, version);
    }

    /** Applies what Redis has beyond this replica's version; a lost or replaced state closes every client here. */
    private void catchUp() {
        LiveState state = context.opLog().read(id, version);
        if (state == null || !state.epoch().equals(epoch) || state.fromSnapshot()) {
            reset(state == null ? "the live state is gone" : "the live state changed");
            return;
        }
        for (SequencedOp e : state.operations()) {
            if (e.version() == version) {
                apply(e, e.operation());
            }
        }
    }

    private void reset(String why) {
        LOG.warnf("Document %s: %s; its clients on this replica join again", id, why);
        loaded = false;
        position = null;
        history.clear();
        for (ClientSession s : sessions.values()) {
            s.close(CloseCode.RESET, null);
        }
        sessions.clear();
        presence.clear();
    }

    private void apply(SequencedOp e, TextOperation op) {
        apply(e, op, op.apply(text));
    }

    /** {@code after}: the text with {@code op} applied (computed once by {@link #sequence}, not again here). */
    private void apply(SequencedOp e, TextOperation op, String after) {
        text = after;
        version = e.version() + 1;
        position = new Position(epoch, version);
        remember(e, op);
        if (e.user() != null) {
            lastAuthor = UUID.fromString(e.user());
        }
        // Only selections move; an entry without one keeps its older version until it is sent (see joinCounted).
        for (Map.Entry<String, PresenceEntry> entry : presence.entrySet()) {
            PresenceEntry p = entry.getValue();
            if (p.selection() != null) {
                entry.setValue(p.at(p.selection().through(op), version));
            }
        }
        // The sender's ack and everyone else's operation, one write task per event loop (the ack rides in its
        // loop's task instead of waking that loop once more).
        String awaited = e.source() + "/" + e.seq();
        Fanout fanout = new Fanout();
        boolean others = false;
        for (ClientSession s : sessions.values()) {
            if (!s.joined()) {
                continue;
            }
            if (s.awaitingAck.remove(awaited)) {
                fanout.addAlone(s, context.messages().ack(e.source(), e.seq(), e.version()));
            } else {
                fanout.add(s);
                others = true;
            }
        }
        if (!fanout.isEmpty()) {
            fanout.send(others ? context.messages().op(e) : null);
        }
        context.metrics().broadcast(e.sequencedAt());
    }

    /** {@code text} to every joined client here except {@code exceptClient}. */
    private void broadcast(String text, String exceptClient) {
        Fanout fanout = new Fanout();
        for (ClientSession s : sessions.values()) {
            if (s.joined() && !s.id().equals(exceptClient)) {
                fanout.add(s);
            }
        }
        fanout.send(text);
    }

    private void remember(SequencedOp e, TextOperation op) {
        history.addLast(new Applied(e, op));
        while (history.size() > context.config().historyInMemory()) {
            history.removeFirst();
        }
    }

    /** Operations from {@code since} to the current version, or null when neither memory nor Redis has them all. */
    private List<Applied> since(long since) {
        long first = version - history.size();
        if (since >= first && since <= version) {
            // From the newest end: a client is usually a version or two behind, the history up to 1,000 long.
            Applied[] ops = new Applied[(int) (version - since)];
            Iterator<Applied> it = history.descendingIterator();
            for (int i = ops.length - 1; i >= 0; i--) {
                ops[i] = it.next();
            }
            return Arrays.asList(ops);
        }
        LiveState state = context.opLog().read(id, since);
        if (state == null || !state.epoch().equals(epoch) || state.fromSnapshot()) {
            return null;
        }
        List<Applied> ops = new ArrayList<>();
        for (SequencedOp e : state.operations()) {
            if (e.version() < version) {
                ops.add(new Applied(e, e.operation()));
            }
        }
        return ops.size() == version - since ? ops : null;
    }

    // ---- client requests (in the queue) ----

    void join(ClientSession session, ClientMessage.Auth auth) {
        try {
            joinCounted(session, auth);
        } finally {
            joining.decrementAndGet();
        }
    }

    private void joinCounted(ClientSession session, ClientMessage.Auth auth) {
        if (session.state == ClientSession.State.CLOSED) {
            return;
        }
        try {
            ensureLoaded();
            catchUp();
            if (!loaded) {
                ensureLoaded();
            }
        } catch (DocumentGone e) {
            session.close(CloseCode.NOT_FOUND, null);
            return;
        } catch (Exception e) {
            LOG.warnf("Document %s could not be loaded (%s)", id, e.toString());
            session.close(CloseCode.UNAVAILABLE, null);
            return;
        }
        if (session.state == ClientSession.State.CLOSED) {
            return;
        }
        Map<String, String> stored;
        try {
            stored = context.opLog().presence(id);
        } catch (RuntimeException e) {
            session.close(CloseCode.UNAVAILABLE, null);
            return;
        }
        if (stored.size() >= context.config().maxClientsPerDocument()) {
            session.close(CloseCode.TOO_MANY_CLIENTS, null);
            return;
        }
        long now = System.currentTimeMillis();
        long freshAfter = now - context.config().presenceTtl().toMillis();
        for (Map.Entry<String, String> s : stored.entrySet()) {
            PresenceEntry p = context.presenceFrom(s.getValue());
            if (p != null && p.at() >= freshAfter && !presence.containsKey(p.client())) {
                presence.put(p.client(), moved(p));
            }
        }
        String snapshot = null;
        List<SequencedOp> ops = List.of();
        List<Applied> missed = auth.version() != null && epoch.equals(auth.epoch()) ? since(auth.version()) : null;
        if (missed != null) {
            ops = missed.stream().map(Applied::entry).toList();
        } else {
            snapshot = text;
        }
        session.state = ClientSession.State.JOINED;
        sessions.put(session.id(), session);
        List<PresenceEntry> others = presence.values().stream().filter(p -> !p.client().equals(session.id()))
                .map(p -> p.selection() == null && p.version() != version ? p.at(null, version) : p).toList();
        session.send(context.messages().joined(session.id(), session.role.name(), session.canEdit, epoch, version, snapshot, ops, others,
                session.expiresAt));
        PresenceEntry mine = new PresenceEntry(session.id(), session.userId.toString(), session.name, session.color, null, version, now);
        publishPresence(mine);
        if (session.storedRevision > knownRevision) {
            // PostgreSQL has a revision the live state has not merged (changed while nobody edited it live).
            requestSave(0);
        }
    }

    void submit(ClientSession session, ClientMessage.Submit m) {
        if (!session.joined()) {
            return;
        }
        if (!session.canEdit) {
            reject(session, ErrorCode.READ_ONLY, "your role (" + session.role + ") or the document's state does not allow edits", m.seq(), "read_only");
            return;
        }
        TextOperation op;
        try {
            op = TextOperation.fromJson(m.op());
        } catch (InvalidOperation e) {
            reject(session, ErrorCode.INVALID_OP, e.getMessage(), m.seq(), "invalid");
            return;
        }
        session.awaitingAck.add(m.source() + "/" + m.seq());
        Outcome outcome = sequence(op, m.version(), m.source(), m.seq(), session.userId.toString());
        switch (outcome.kind) {
            case SEQUENCED -> markDirty();
            case DUPLICATE -> {
                session.awaitingAck.remove(m.source() + "/" + m.seq());
                session.send(context.messages().ack(m.source(), m.seq(), outcome.version));
            }
            default -> {
                session.awaitingAck.remove(m.source() + "/" + m.seq());
                reject(session, outcome.code, outcome.problem, m.seq(), outcome.reason);
            }
        }
    }

    private void reject(ClientSession session, ErrorCode code, String problem, long seq, String reason) {
        context.metrics().rejected(reason);
        session.send(context.messages().error(code, problem, seq));
    }

    private enum Kind { SEQUENCED, DUPLICATE, REFUSED }

    private record Outcome(Kind kind, long version, ErrorCode code, String problem, String reason) {
        static Outcome refused(ErrorCode code, String problem, String reason) {
            return new Outcome(Kind.REFUSED, -1, code, problem, reason);
        }
    }

    /**
     * Transforms {@code op} (made against {@code base}) over what came since, and has Redis sequence it; when another
     * replica got a version in first, catches up and tries again. Applied here (and acknowledged) before returning.
     */
    private Outcome sequence(TextOperation op, long base, String source, long seq, String user) {
        try {
            ensureLoaded();
            if (base > version) {
                catchUp();
                if (!loaded) {
                    return Outcome.refused(ErrorCode.VERSION_AHEAD, "the document was reset: join again", "reset");
                }
                if (base > version) {
                    return Outcome.refused(ErrorCode.VERSION_AHEAD, "v " + base + " is ahead of the document's version " + version, "version_ahead");
                }
            }
            for (int attempt = 0; attempt < MAX_SUBMIT_ATTEMPTS; attempt++) {
                List<Applied> missed = since(base);
                if (missed == null) {
                    return Outcome.refused(ErrorCode.VERSION_TOO_OLD, "v " + base + " is older than the operations kept: join again", "version_too_old");
                }
                TextOperation transformed = op;
                for (Applied a : missed) {
                    if (a.entry().source().equals(source) && a.entry().seq() == seq) {
                        return new Outcome(Kind.DUPLICATE, a.entry().version(), null, null, null);
                    }
                    transformed = TextOperation.transform(transformed, a.op(), Side.LEFT);
                }
                String after;
                try {
                    after = transformed.apply(text);
                } catch (InvalidOperation e) {
                    return Outcome.refused(ErrorCode.INVALID_OP, e.getMessage(), "invalid");
                }
                if (after.length() > context.config().maxDocumentChars() && after.length() > text.length()) {
                    return Outcome.refused(ErrorCode.DOCUMENT_TOO_LARGE, "the document would exceed " + context.config().maxDocumentChars() + " characters",
                            "too_large");
                }
                SequencedOp entry = new SequencedOp(epoch, version, transformed.toJson(), source, seq, user, System.currentTimeMillis());
                SubmitOutcome outcome = context.opLog().submit(id, entry);
                switch (outcome.kind()) {
                    case SEQUENCED -> {
                        context.metrics().sequenced();
                        apply(entry, transformed, after);
                        return new Outcome(Kind.SEQUENCED, entry.version(), null, null, null);
                    }
                    case DUPLICATE -> {
                        return new Outcome(Kind.DUPLICATE, outcome.version(), null, null, null);
                    }
                    case STALE -> catchUp();
                    case GONE -> {
                        reset("the live state is gone");
                        return Outcome.refused(ErrorCode.UNAVAILABLE, "the document's live state was reset: join again", "reset");
                    }
                }
                if (!loaded) {
                    return Outcome.refused(ErrorCode.UNAVAILABLE, "the document's live state was reset: join again", "reset");
                }
            }
            return Outcome.refused(ErrorCode.UNAVAILABLE, "too much contention: resubmit", "contention");
        } catch (DocumentGone e) {
            return Outcome.refused(ErrorCode.UNAVAILABLE, "the document is gone", "gone");
        } catch (Exception e) {
            LOG.warnf("Document %s: an operation could not be sequenced (%s)", id, e.toString());
            return Outcome.refused(ErrorCode.UNAVAILABLE, "Redis did not answer: resubmit", "unavailable");
        }
    }

    /**
     * A change saved through knowledge-api, as an operation against the version its base was saved at, sequenced like
     * any client's (src {@value #KNOWLEDGE_API_SOURCE}, seq = the row's revision, so it is merged once however many
     * replicas see it). Returns whether it is in the live text now.
     */
    public boolean merge(TextOperation op, long base, long revision) {
        Outcome outcome = sequence(op, base, KNOWLEDGE_API_SOURCE, revision, null);
        return outcome.kind != Kind.REFUSED;
    }

    public Snapshot snapshot() throws Exception {
        ensureLoaded();
        catchUp();
        ensureLoaded();
        return new Snapshot(epoch, version, text, lastAuthor);
    }

    /**
     * Whether operation {@code version} of live state {@code epoch} is applied here already (read outside the queue:
     * false when unsure). Such a message would change nothing in {@link #received}: most are the echo of this
     * replica's own operations, dropped on the subscription's event loop instead of being parsed and queued. An
     * operation whose sequencing timed out here is not applied yet, so its echo still goes through the queue.
     */
    boolean applied(String epoch, long version) {
        Position p = position;
        return p != null && version < p.version() && p.epoch().equals(epoch);
    }

    /** A message from Redis on the document's channel: an operation, a presence or a leave. */
    void received(JsonNode message) {
        if (!loaded) {
            return;
        }
        if (message.has("op")) {
            SequencedOp e = context.entryFrom(message);
            if (e == null) {
                return;
            }
            if (!e.epoch().equals(epoch)) {
                catchUp();
            } else if (e.version() == version) {
                apply(e, e.operation());
            } else if (e.version() > version) {
                catchUp();
            }
        } else if (message.has("presence")) {
            PresenceEntry p = context.presenceFrom(message.get("presence"));
            if (p == null) {
                return;
            }
            if (p.version() > version) {
                catchUp();
            }
            PresenceEntry current = moved(p);
            presence.put(p.client(), current);
            String text = context.messages().presence(current);
            broadcast(text, p.client());
        } else if (message.has("leave")) {
            String client = message.get("leave").asText();
            if (presence.remove(client) != null) {
                String text = context.messages().leave(client);
                broadcast(text, null);
            }
        }
    }

    /** A presence entry with its selection moved to the current version (dropped if the operations are gone). */
    private PresenceEntry moved(PresenceEntry p) {
        if (p.selection() == null || p.version() == version) {
            return p.at(p.selection(), version);
        }
        if (p.version() > version) {
            return p.at(null, version);
        }
        List<Applied> ops = since(p.version());
        if (ops == null) {
            return p.at(null, version);
        }
        PresenceEntry.Selection s = p.selection();
        for (Applied a : ops) {
            s = s.through(a.op());
        }
        return p.at(s, version);
    }

    void presence(ClientSession session, ClientMessage.Presence m) {
        if (!session.joined()) {
            return;
        }
        if (m.name() != null) {
            session.name = m.name();
        }
        if (m.color() != null) {
            session.color = app.knowledgenetwork.collabwebsocket.presence.Colors.of(session.userId, m.color());
        }
        PresenceEntry.Selection selection = m.selection() == null ? null : new PresenceEntry.Selection(m.selection().anchor(), m.selection().head());
        PresenceEntry p = new PresenceEntry(session.id(), session.userId.toString(), session.name, session.color, selection,
                Math.min(m.version(), version), System.currentTimeMillis());
        if (m.version() > version) {
            p = p.at(null, version);
        }
        publishPresence(moved(p));
    }

    private void publishPresence(PresenceEntry p) {
        try {
            String entry = context.json().writeValueAsString(p);
            context.opLog().putPresence(id, p.client(), entry);
            context.opLog().publish(id, "{\"presence\":" + entry + "}");
        } catch (Exception e) {
            LOG.debugf("Presence of %s on %s not relayed (%s)", p.client(), id, e.toString());
        }
    }

    /** Keeps this replica's clients' presence fresh in Redis, and announces the leave of clients whose replica died. */
    void refreshPresence() {
        if (!loaded) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            for (ClientSession s : sessions.values()) {
                PresenceEntry p = presence.get(s.id());
                if (p != null && s.joined()) {
                    if (p.selection() == null) {
                        p = p.at(null, version);
                    }
                    context.opLog().putPresence(id, s.id(), context.json().writeValueAsString(p.refreshed(now)));
                }
            }
            long staleBefore = now - context.config().presenceTtl().toMillis();
            for (Map.Entry<String, String> stored : context.opLog().presence(id).entrySet()) {
                PresenceEntry p = context.presenceFrom(stored.getValue());
                if ((p == null || p.at() < staleBefore) && context.opLog().removePresence(id, stored.getKey())) {
                    context.opLog().publish(id, "{\"leave\":\"" + stored.getKey() + "\"}");
                }
            }
        } catch (Exception e) {
            LOG.debugf("Presence of %s not refreshed (%s)", id, e.toString());
        }
    }

    /** The client left (closed, timed out, removed): its presence goes, and its edits are saved if it was the last. */
    void leave(ClientSession session) {
        if (sessions.remove(session.id()) == null) {
            return;
        }
        presence.remove(session.id());
        try {
            if (context.opLog().removePresence(id, session.id())) {
                context.opLog().publish(id, "{\"leave\":\"" + session.id() + "\"}");
            }
        } catch (RuntimeException e) {
            LOG.debugf("Leave of %s on %s not announced (%s)", session.id(), id, e.toString());
        }
        String leaveText = context.messages().leave(session.id());
        broadcast(leaveText, null);
        if (sessions.values().stream().noneMatch(s -> s.canEdit)) {
            requestSave(0);
        }
    }

    /** Joins handed to this document and not yet run: it must not be forgotten meanwhile. */
    final java.util.concurrent.atomic.AtomicInteger joining = new java.util.concurrent.atomic.AtomicInteger();

    boolean idle() {
        return sessions.isEmpty() && joining.get() == 0 && !saving.get() && saveTimer == null;
    }

    /** After this replica's subscription was lost: whatever was published meanwhile is read from the log. */
    void resync() {
        if (loaded) {
            catchUp();
        }
    }

    // ---- saving ----

    private void markDirty() {
        long now = System.nanoTime();
        if (firstUnsavedNanos == 0) {
            firstUnsavedNanos = now;
        }
        long debounce = context.config().saveDebounce().toNanos();
        long latest = firstUnsavedNanos + context.config().saveMaxDelay().toNanos() - now;
        requestSave(Math.max(0, Math.min(debounce, latest)));
    }

    /** Saves in {@code delayNanos} (replacing a later pending save). Called in the queue. */
    void requestSave(long delayNanos) {
        if (saveTimer != null) {
            if (saveTimer.getDelay(TimeUnit.NANOSECONDS) <= delayNanos) {
                return;
            }
            saveTimer.cancel(false);
        }
        try {
            saveTimer = context.timers().schedule(() -> queue.execute(this::startSave), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down: the shutdown saves every live document itself.
            saveTimer = null;
        }
    }

    private void startSave() {
        saveTimer = null;
        firstUnsavedNanos = 0;
        if (!saving.compareAndSet(false, true)) {
            saveAgain = true;
            return;
        }
        Thread.ofVirtual().name("collab-save-" + id).start(() -> {
            boolean retry = false;
            try {
                retry = !context.save(this);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Saving %s failed", id);
                retry = true;
            } finally {
                saving.set(false);
                boolean again = saveAgain;
                saveAgain = false;
                boolean retryLater = retry;
                queue.execute(() -> {
                    if (retryLater) {
                        requestSave(context.config().saveRetry().toNanos());
                    } else if (again) {
                        requestSave(0);
                    }
                    context.unloadIfIdle(this);
                });
            }
        });
    }

    public UUID id() {
        return id;
    }

    /** Runs {@code task} in the document's queue and waits for it (never from inside the queue). */
    public <T> T inQueue(java.util.concurrent.Callable<T> task) throws Exception {
        return queue.call(task);
    }

    /** PostgreSQL holds the live text (or what was merged from it) as {@code revision}. */
    public void savedAs(long revision) {
        knownRevision = revision;
    }

    /** The document was trashed or purged: its clients are told so (from outside the queue). */
    public void goneLater() {
        queue.execute(this::gone);
    }

    /** The document was trashed, purged or removed: every client here is told so. */
    void gone() {
        for (ClientSession s : sessions.values()) {
            s.close(CloseCode.NOT_FOUND, null);
        }
        sessions.clear();
    }

    void closeAll(CloseCode code) {
        for (ClientSession s : sessions.values()) {
            s.close(code, null);
        }
    }

    /** A thrown marker: the document is not in PostgreSQL. */
    static final class DocumentGone extends Exception {
        DocumentGone() {
            super("document not found", null, false, false);
        }
    }
}
