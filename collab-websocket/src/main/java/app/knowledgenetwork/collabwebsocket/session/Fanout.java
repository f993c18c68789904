package app.knowledgenetwork.collabwebsocket.session;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message to many clients, written by each connection's own event loop, one task per event loop. A write from
 * another thread (the document's queue runs on a virtual thread) hands the frame to the connection's event loop and
 * wakes it up: once per client and operation, that wake-up (an eventfd write) was the largest single cost of an
 * operation in the bench's profile (JFR: Netty's selector wakeup and EventFD.set0, 14 % of the samples at 250–500
 * ops/s across 50 clients). Grouped, an operation wakes each event loop once. Each client still gets its messages in
 * the order they were given: every message to a connection goes through its event loop's queue ({@link ClientSession#send}).
 */
final class Fanout {
    private final Map<Context, List<ClientSession>> byLoop = new IdentityHashMap<>();
    private List<ClientSession> direct;

    void add(ClientSession session) {
        Context context = session.context;
        if (context == null) {
            if (direct == null) {
                direct = new ArrayList<>();
            }
            direct.add(session);
        } else {
            byLoop.computeIfAbsent(context, c -> new ArrayList<>()).add(session);
        }
    }

    boolean isEmpty() {
        return byLoop.isEmpty() && direct == null;
    }

    void send(String text) {
        for (Map.Entry<Context, List<ClientSession>> loop : byLoop.entrySet()) {
            List<ClientSession> sessions = loop.getValue();
            loop.getKey().runOnContext(ignored -> {
                for (ClientSession s : sessions) {
                    s.write(text);
                }
            });
        }
        if (direct != null) {
            direct.forEach(s -> s.send(text));
        }
    }
}
