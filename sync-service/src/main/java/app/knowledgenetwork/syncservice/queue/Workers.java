package app.knowledgenetwork.syncservice.queue;

import app.knowledgenetwork.syncservice.SyncSettings;
import app.knowledgenetwork.syncservice.jobs.JobRunner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This replica's workers: each claims a task, renews its lease while working, and completes it. An
 * idle worker looks again every poll interval, or at once when this replica queued work.
 */
@ApplicationScoped
public class Workers {

    private final TaskQueue queue;
    private final JobRunner runner;
    private final SyncSettings settings;
    private final boolean migrateOnly;
    private final String replica = "sync-" + UUID.randomUUID().toString().substring(0, 8);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private volatile boolean running;
    private ExecutorService threads;
    private ScheduledExecutorService heartbeats;

    public Workers(TaskQueue queue, JobRunner runner, SyncSettings settings,
            @ConfigProperty(name = "kn.migrate-only", defaultValue = "false") boolean migrateOnly) {
        this.queue = queue;
        this.runner = runner;
        this.settings = settings;
        this.migrateOnly = migrateOnly;
    }

    void start(@Observes StartupEvent event) {
        if (migrateOnly || settings.workers() <= 0) {
            return;
        }
        running = true;
        heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sync-heartbeat").daemon().factory());
        threads = Executors.newFixedThreadPool(settings.workers(), Thread.ofPlatform().name("sync-worker-", 1).daemon().factory());
        for (int i = 0; i < settings.workers(); i++) {
            String worker = replica + "-" + i;
            threads.submit(() -> loop(worker));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        if (threads != null) {
            threads.shutdown();
            try {
                // A task cut short here is taken over by another replica when its lease ends.
                threads.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heartbeats.shutdownNow();
        }
    }

    /** Work was queued: an idle worker of this replica claims it now rather than at its next poll. */
    public void wake() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop(String worker) {
        while (running) {
            try {
                if (!runOne(worker)) {
                    idle();
                }
            } catch (RuntimeException e) {
                Log.errorf(e, "sync worker %s: a task failed unexpectedly; its lease will run out and it is tried again", worker);
                idle();
            }
        }
    }

    /** Claims and works one task; false when none was free. */
    public boolean runOne(String worker) {
        Optional<Task> claimed = queue.claim(worker, settings.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        Task task = claimed.get();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> renew(task, worker),
                settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        JobRunner.TaskEnd end;
        try {
            end = runner.run(task, worker);
        } finally {
            heartbeat.cancel(false);
        }
        if (end == JobRunner.TaskEnd.DONE) {
            if (queue.complete(task.id(), worker)) {
                runner.afterTask(task.jobId());
            } else {
                Log.warnf("task %d of job %s outlived its lease; another worker took it over", task.id(), task.jobId());
            }
        }
        return true;
    }

    private void renew(Task task, String worker) {
        try {
            if (!queue.heartbeat(task.id(), worker, settings.lease())) {
                Log.warnf("task %d of job %s is no longer held by %s", task.id(), task.jobId(), worker);
            }
        } catch (RuntimeException e) {
            Log.warnf("lease of task %d could not be renewed: %s", task.id(), e.getMessage());
        }
    }

    private void idle() {
        lock.lock();
        try {
            work.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
