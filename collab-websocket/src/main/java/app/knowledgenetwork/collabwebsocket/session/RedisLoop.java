package app.knowledgenetwork.collabwebsocket.session;

import io.netty.channel.EventLoop;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The event loop on which the Redis client reads its answers, as a context for documents' queues to run as
 * ({@link SerialQueue}). The Vert.x Redis client opens all its pooled connections on one event loop (its connection
 * manager's, chosen when the client was made) and completes each answer on the caller's context: a caller on
 * another event loop has every answer handed over to that loop, which wakes it (an eventfd write; JFR: 12-14 % of the
 * samples at 500 ops/s). That loop is not exposed, so it is found by asking: a PING is sent as from each event loop's
 * context in turn, and the one whose answer completes while the Redis reply is still being parsed (no hand-over) is
 * it: at start, and again when the subscription to Redis is made if Redis did not answer before. Until then there is
 * none and queues run without a context, as before.
 */
final class RedisLoop {
    private static final Logger LOG = Logger.getLogger(RedisLoop.class);

    private final VertxInternal vertx;
    private final Redis redis;
    private volatile ContextInternal found;
    private volatile boolean settled;

    RedisLoop(VertxInternal vertx, Redis redis) {
        this.vertx = vertx;
        this.redis = redis;
    }

    /** The context, or null (not found, or Redis was not reachable yet). */
    ContextInternal context() {
        return found;
    }

    /** Looks for it unless done: a PING per event loop (blocks: call it on a virtual thread). */
    synchronized void find() {
        if (settled || vertx == null || redis == null) {
            return;
        }
        Set<EventLoop> tried = new HashSet<>();
        int loops = 0;
        for (Object ignored : vertx.getEventLoopGroup()) {
            loops++;
        }
        // A new event-loop context takes the next event loop in turn: 2 rounds meet every loop.
        for (int i = 0; i < 2 * loops && tried.size() < loops; i++) {
            ContextInternal context = vertx.createEventLoopContext();
            if (!tried.add(context.nettyEventLoop())) {
                continue;
            }
            CompletableFuture<Boolean> inline = new CompletableFuture<>();
            ContextInternal previous = context.beginDispatch();
            try {
                redis.send(Request.cmd(Command.PING)).onComplete(answer -> inline.complete(answer.succeeded() && parsingRedisReply()));
            } finally {
                context.endDispatch(previous);
            }
            try {
                if (inline.get(2, TimeUnit.SECONDS)) {
                    found = context;
                    break;
                }
            } catch (Exception e) {
                LOG.debugf("Redis' event loop not found yet (%s)", e.toString());
                return;
            }
        }
        settled = true;
        if (found == null) {
            LOG.info("Redis' event loop not found: every Redis answer to a document's queue is handed over between event loops");
        }
    }

    private static boolean parsingRedisReply() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("io.vertx.redis.client.impl.RESPParser")));
    }
}
