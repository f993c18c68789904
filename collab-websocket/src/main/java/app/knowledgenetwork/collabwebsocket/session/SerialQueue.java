package app.knowledgenetwork.collabwebsocket.session;

import io.vertx.core.impl.ContextInternal;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a document's work one task at a time, in the order it was given, on a virtual thread (tasks may block on Redis
 * or PostgreSQL). A document's state is only touched from its queue, so it needs no locks; documents run in parallel.
 * <p>
 * The virtual thread runs as in the Vert.x context of the event loop that reads Redis' answers ({@link RedisLoop}).
 * Without it, every virtual thread got a fresh context on the next event loop in turn, and the Redis client
 * completed each answer on that context: read on one event loop, handed to another and waking it, once per command
 * (JFR: 12-14 % of the samples at 500 ops/s, in Netty's selector wakeup).
 */
final class SerialQueue {
    private static final Logger LOG = Logger.getLogger(SerialQueue.class);

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final String name;
    private final Supplier<ContextInternal> dispatch;

    /** {@code dispatch}: the Vert.x context the tasks run as (null: none), read at each start. */
    SerialQueue(String name, Supplier<ContextInternal> dispatch) {
        this.name = name;
        this.dispatch = dispatch;
    }

    void execute(Runnable task) {
        tasks.add(task);
        if (running.compareAndSet(false, true)) {
            Thread.ofVirtual().name(name).start(this::drain);
        }
    }

    /** Runs {@code task} in the queue and waits for its result. Never call it from a task of the same queue. */
    <T> T call(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the document's queue did not answer within 30 s", e);
        }
    }

    private void drain() {
        ContextInternal context = dispatch.get();
        ContextInternal previous = context == null ? null : context.beginDispatch();
        try {
            drainTasks();
        } finally {
            if (context != null) {
                context.endDispatch(previous);
            }
        }
    }

    private void drainTasks() {
        while (true) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable e) {
                    LOG.errorf(e, "A task of %s failed", name);
                }
            }
            running.set(false);
            if (tasks.isEmpty() || !running.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
