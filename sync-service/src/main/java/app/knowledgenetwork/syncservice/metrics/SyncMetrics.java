package app.knowledgenetwork.syncservice.metrics;

import app.knowledgenetwork.syncservice.jobs.JobMode;
import app.knowledgenetwork.syncservice.jobs.JobState;
import app.knowledgenetwork.syncservice.queue.TaskQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync's metrics, named as the dashboards read them (k8s/base/monitoring/dashboards):
 * {@code kn_sync_jobs_total{outcome}} (success rate, jobs per hour), {@code kn_sync_notes_written_total{outcome}}
 * (notes synced per day), {@code kn_sync_note_failures_total{type}} (errors by type),
 * {@code kn_sync_queue_depth}, {@code kn_sync_job_duration_seconds}, and the Notion requests the jobs cost,
 * {@code kn_sync_notion_requests_total}.
 *
 * <p>Created at start, with the jobs and notes counters of every outcome at 0: a quiet service shows them (the
 * dashboards and k8s/base/monitoring/metric-owners.tsv expect them), and {@code increase()} counts the first job after a
 * restart (a counter that appears at 1 reads as no increase).
 */
@Startup
@ApplicationScoped
public class SyncMetrics {

    /** The outcomes notion-writer reports that are writes (unchanged and failed notes are counted apart). */
    private static final List<String> WRITE_OUTCOMES = List.of("created", "updated", "archived");

    private final MeterRegistry registry;
    private final AtomicLong queueDepth = new AtomicLong();
    private final TaskQueue queue;

    public SyncMetrics(MeterRegistry registry, TaskQueue queue) {
        this.registry = registry;
        this.queue = queue;
        Gauge.builder("kn_sync_queue_depth", queueDepth, AtomicLong::get)
                .description("Tasks of sync jobs waiting in the queue or being worked on")
                .register(registry);
        for (JobState state : JobState.values()) {
            if (state.finished()) {
                for (JobMode mode : JobMode.values()) {
                    jobs(state, mode);
                }
            }
        }
        WRITE_OUTCOMES.forEach(this::notesWritten);
    }

    /** Refreshes the queue-depth gauge (a count in PostgreSQL, so not on every scrape). */
    public void sampleQueueDepth() {
        queueDepth.set(queue.depth());
    }

    public void jobFinished(JobState state, JobMode mode, Instant startedAt) {
        jobs(state, mode).increment();
        if (startedAt != null) {
            Timer.builder("kn_sync_job_duration_seconds").description("From a job's first task to its end")
                    .tag("outcome", state.name().toLowerCase(Locale.ROOT))
                    .publishPercentileHistogram()
                    .register(registry).record(Duration.between(startedAt, Instant.now()));
        }
    }

    /** A note written to Notion: created, updated or archived (unchanged notes are not writes). */
    public void noteWritten(String outcome) {
        notesWritten(outcome.toLowerCase(Locale.ROOT)).increment();
    }

    private Counter jobs(JobState state, JobMode mode) {
        return Counter.builder("kn_sync_jobs_total").description("Sync jobs finished, by final state")
                .tag("outcome", state.name().toLowerCase(Locale.ROOT)).tag("mode", mode.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private Counter notesWritten(String outcome) {
        return Counter.builder("kn_sync_notes_written_total").description("Notes written to Notion, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    public void noteUnchanged(int count) {
        Counter.builder("kn_sync_notes_unchanged_total").description("Notes whose page was already up to date")
                .register(registry).increment(count);
    }

    /** type: extract (keep-extractor left it out), write (notion-writer failed it), connector (a connector refused the batch) */
    public void noteFailed(String type, int count) {
        Counter.builder("kn_sync_note_failures_total").description("Notes that failed, by where")
                .tag("type", type).register(registry).increment(count);
    }

    public void notionRequests(long count) {
        Counter.builder("kn_sync_notion_requests_total").description("Notion requests notion-writer made for sync jobs")
                .register(registry).increment(count);
    }
}
