package app.knowledgenetwork.searchindexer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Users at work while a test does something to the index: a thread that keeps editing documents of one workspace
 * (and now and then creates one), each change with its outbox row, and a thread that keeps running outbox batches as
 * the schedule would. Both stop on {@link #close()}; an error in either fails {@link #close()}.
 */
final class ChangingDocuments implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final List<UUID> documents;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final Thread writer;
    private final Thread indexing;

    ChangingDocuments(KnowledgeRows rows, List<UUID> documents, OutboxIndexer indexer) {
        this.documents = new CopyOnWriteArrayList<>(documents);
        writer = Thread.ofPlatform().name("test-writer").start(() -> {
            try {
                while (!stop.get()) {
                    if (writes.get() % 10 == 9) {
                        this.documents.add(rows.created("Created meanwhile"));
                    } else {
                        UUID doc = this.documents.get(ThreadLocalRandom.current().nextInt(this.documents.size()));
                        rows.edited(doc, "Edited");
                    }
                    writes.incrementAndGet();
                    pace();
                }
            } catch (Throwable e) {
                error.compareAndSet(null, e);
            }
        });
        indexing = Thread.ofPlatform().name("test-indexing").start(() -> {
            while (!stop.get()) {
                try {
                    OutboxIndexer.Batch batch = indexer.runBatch();
                    processed.addAndGet(batch.processed().size());
                    if (!batch.setAside().isEmpty()) {
                        error.compareAndSet(null, new AssertionError("rows set aside as dead letters: " + batch.setAside()));
                    }
                    if (!batch.claimed().isEmpty() && batch.processed().isEmpty()) {
                        failedBatches.incrementAndGet();
                    }
                    if (batch.claimed().isEmpty()) {
                        pace();
                    }
                } catch (RuntimeException e) {
                    failedBatches.incrementAndGet();
                    pace();
                }
            }
        });
    }

    long writes() {
        return writes.get();
    }

    long processed() {
        return processed.get();
    }

    long failedBatches() {
        return failedBatches.get();
    }

    /** Waits (polling, with a deadline) until {@code counter} has grown by {@code by}. */
    static void awaitGrowth(String what, LongSupplier counter, long by) {
        long from = counter.getAsLong();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (counter.getAsLong() < from + by) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not grow by " + by + " within 60 s (from " + from + " to " + counter.getAsLong() + ")");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** A user's pace, and an idle schedule's: a few milliseconds between writes, and between batches that found nothing. */
    private static void pace() {
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        writer.join(Duration.ofSeconds(60));
        indexing.join(Duration.ofSeconds(60));
        if (error.get() != null) {
            throw new AssertionError("a background thread failed", error.get());
        }
    }
}
