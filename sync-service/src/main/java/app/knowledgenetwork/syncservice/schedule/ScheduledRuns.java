package app.knowledgenetwork.syncservice.schedule;

import app.knowledgenetwork.syncservice.db.Sql;
import app.knowledgenetwork.syncservice.jobs.JobMode;
import app.knowledgenetwork.syncservice.jobs.JobRunner;
import app.knowledgenetwork.syncservice.jobs.JobTrigger;
import app.knowledgenetwork.syncservice.jobs.Jobs;
import app.knowledgenetwork.syncservice.metrics.SyncMetrics;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Fires the scheduled runs. A replica claims the due connections with {@code FOR UPDATE SKIP LOCKED}
 * and moves their next run on in the same transaction, so with any number of replicas exactly one
 * fires each run; a run whose connection still has a job going is skipped (the next one comes).
 */
@ApplicationScoped
public class ScheduledRuns {

    private final Sql sql;
    private final Jobs jobs;
    private final SyncMetrics metrics;
    private final JobRunner runner;

    public ScheduledRuns(Sql sql, Jobs jobs, SyncMetrics metrics, JobRunner runner) {
        this.runner = runner;
        this.sql = sql;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    @Scheduled(every = "${kn.sync.schedule-check:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = MigrateOnlySkip.class)
    void fireDueRuns() {
        metrics.sampleQueueDepth();
        fire();
        endOrphanedJobs();
    }

    /**
     * Ends the jobs left without work: a replica that died between completing a job's last task and
     * ending the job, or during a Takeout upload (after an hour), would otherwise hold the connection.
     */
    public void endOrphanedJobs() {
        sql.query("""
                SELECT j.id FROM jobs j
                WHERE j.state IN ('PENDING', 'EXTRACTING', 'WRITING')
                  AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id)
                  AND (j.state = 'WRITING' OR j.trigger <> 'TAKEOUT' OR j.created_at < now() - interval '1 hour')
                  AND j.created_at < now() - interval '1 minute'""", r -> Sql.uuid(r, "id"))
                .forEach(job -> {
                    Log.warnf("job %s has no work left and had not ended; ending it", job);
                    runner.afterTask(job);
                });
    }

    /** Claims the due connections and starts their jobs; the connection ids it fired. */
    public List<UUID> fire() {
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> sql.query("""
                UPDATE connections SET next_run_at = now() + make_interval(mins => schedule_minutes)
                WHERE id IN (SELECT id FROM connections
                             WHERE enabled AND schedule_minutes IS NOT NULL AND source_type = 'KEEP_API' AND next_run_at <= now()
                             ORDER BY next_run_at FOR UPDATE SKIP LOCKED LIMIT 50)
                RETURNING id""", r -> Sql.uuid(r, "id")));
        for (UUID connection : due) {
            try {
                jobs.start(connection, JobMode.INCREMENTAL, JobTrigger.SCHEDULE, null);
            } catch (RuntimeException e) {
                Log.infof("scheduled run of connection %s skipped: %s", connection, e.getMessage());
            }
        }
        return due;
    }
}
