package app.knowledgenetwork.collabwebsocket.session;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * One message to many clients, written by each connection's own event loop, one task per event loop. A write from
 * another thread (the document's queue runs on a virtual thread) hands the frame to the connection's event loop and
 * wakes it up: once per client and operation, that wake-up (an eventfd write) was the largest single cost of an
 * operation in the bench's profile (JFR: Netty's selector wakeup and EventFD.set0, 14 % of the samples at 250–500
 * ops/s across 50 clients). Grouped, an operation wakes each event loop once. A message for one client alone (the
 * sender's ack) rides in its event loop's task too, before the broadcast, instead of waking that loop once more. Each
 * client still gets its messages in the order they were given: every message to a connection goes through its event
 * loop's queue ({@link ClientSession#send}). The broadcast is encoded to UTF-8 once ({@link Frame}).
 */
final class Fanout {
    private static final class Loop {
        final List<ClientSession> all = new ArrayList<>();
        List<ClientSession> alone;
        List<Frame> own;
    }

    /** The event loops met (a few: a linear search beats hashing each of an operation's 50 recipients). */
    private final List<Context> contexts = new ArrayList<>(4);
    private final List<Loop> loops = new ArrayList<>(4);
    private List<ClientSession> direct;

    private Loop loop(Context context) {
        for (int i = 0; i < contexts.size(); i++) {
            if (contexts.get(i) == context) {
                return loops.get(i);
            }
        }
        Loop loop = new Loop();
        contexts.add(context);
        loops.add(loop);
        return loop;
    }

    void add(ClientSession session) {
        Context context = session.context;
        if (context == null) {
            if (direct == null) {
                direct = new ArrayList<>();
            }
            direct.add(session);
        } else {
            loop(context).all.add(session);
        }
    }

    /** {@code message} to {@code session} alone (it does not get the broadcast unless also {@link #add added}). */
    void addAlone(ClientSession session, String message) {
        Context context = session.context;
        if (context == null) {
            session.send(message);
            return;
        }
        Loop loop = loop(context);
        if (loop.alone == null) {
            loop.alone = new ArrayList<>(2);
            loop.own = new ArrayList<>(2);
        }
        loop.alone.add(session);
        loop.own.add(Frame.of(message));
    }

    boolean isEmpty() {
        return contexts.isEmpty() && direct == null;
    }

    /** Sends {@code text} to everyone {@link #add added} (null: only the messages to single clients). */
    void send(String text) {
        Frame frame = text == null ? null : Frame.of(text);
        for (int i = 0; i < contexts.size(); i++) {
            Loop loop = loops.get(i);
            contexts.get(i).runOnContext(ignored -> {
                if (loop.alone != null) {
                    for (int k = 0; k < loop.alone.size(); k++) {
                        loop.alone.get(k).write(loop.own.get(k));
                    }
                }
                if (frame != null) {
                    for (ClientSession s : loop.all) {
                        s.write(frame);
                    }
                }
            });
        }
        if (direct != null && frame != null) {
            direct.forEach(s -> s.send(frame));
        }
    }
}
