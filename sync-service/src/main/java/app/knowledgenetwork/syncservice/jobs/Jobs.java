package app.knowledgenetwork.syncservice.jobs;

import app.knowledgenetwork.syncservice.access.Caller;
import app.knowledgenetwork.syncservice.clients.ConnectorFailure;
import app.knowledgenetwork.syncservice.clients.KeepExtractor;
import app.knowledgenetwork.syncservice.connections.Connection;
import app.knowledgenetwork.syncservice.connections.Connections;
import app.knowledgenetwork.syncservice.connections.SourceType;
import app.knowledgenetwork.syncservice.db.DatabaseException;
import app.knowledgenetwork.syncservice.errors.ApiProblem;
import app.knowledgenetwork.syncservice.queue.TaskQueue;
import app.knowledgenetwork.syncservice.queue.Workers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Jobs as users see them: trigger, list, follow, cancel, retry the failed notes. */
@ApplicationScoped
public class Jobs {

    private final JobStore store;
    private final TaskQueue queue;
    private final Connections connections;
    private final JobRunner runner;
    private final Workers workers;
    private final KeepExtractor extractor;

    public Jobs(JobStore store, TaskQueue queue, Connections connections, JobRunner runner, Workers workers, KeepExtractor extractor) {
        this.extractor = extractor;
        this.store = store;
        this.queue = queue;
        this.connections = connections;
        this.runner = runner;
        this.workers = workers;
    }

    public Job trigger(Caller caller, UUID connectionId, JobMode mode) {
        Connection connection = connections.owned(caller, connectionId);
        if (mode == JobMode.RETRY) {
            throw ApiProblem.badRequest("mode must be INCREMENTAL or FULL; to retry failed notes, POST /api/v1/sync/jobs/{id}/retry");
        }
        if (connection.sourceType() == SourceType.TAKEOUT) {
            throw ApiProblem.conflict("Takeout connections sync uploads",
                    "connection " + connectionId + " reads Google Takeout archives: upload one to sync it");
        }
        return start(connection.id(), mode, JobTrigger.MANUAL, caller.userId());
    }

    /** Creates a job with its first task; 409 when the connection already has one that has not finished. */
    public Job start(UUID connectionId, JobMode mode, JobTrigger trigger, String requestedBy) {
        return start(connectionId, mode, trigger, requestedBy, true);
    }

    private Job start(UUID connectionId, JobMode mode, JobTrigger trigger, String requestedBy, boolean extract) {
        UUID id = UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                store.insert(id, connectionId, mode, trigger, null, requestedBy);
                if (extract) {
                    queue.enqueueExtract(id);
                }
            });
        } catch (RuntimeException e) {
            throw busy(connectionId, e);
        }
        workers.wake();
        return store.find(id).orElseThrow();
    }

    public List<Job> list(Caller caller, UUID connectionId, int limit) {
        connections.owned(caller, connectionId);
        return store.list(connectionId, Math.max(1, Math.min(limit, 200)));
    }

    public Job get(Caller caller, UUID jobId) {
        Job job = store.find(jobId).orElseThrow(() -> ApiProblem.notFound("job " + jobId));
        try {
            connections.owned(caller, job.connectionId());
        } catch (ApiProblem e) {
            throw ApiProblem.notFound("job " + jobId);
        }
        return job;
    }

    public List<JobNote> notes(Caller caller, UUID jobId, String outcome, String after, int limit) {
        get(caller, jobId);
        return store.notes(jobId, outcome == null || outcome.isBlank() ? null : outcome.toUpperCase(java.util.Locale.ROOT), after,
                Math.max(1, Math.min(limit, 1000)));
    }

    public Job cancel(Caller caller, UUID jobId) {
        Job job = get(caller, jobId);
        if (job.state().finished()) {
            throw ApiProblem.conflict("Job already finished", "job " + jobId + " ended " + job.state());
        }
        runner.cancel(jobId);
        return store.find(jobId).orElseThrow();
    }

    /** A new job that writes again only the notes this one failed to write. */
    public Job retry(Caller caller, UUID jobId) {
        Job source = get(caller, jobId);
        if (!source.state().finished()) {
            throw ApiProblem.conflict("Job still running", "job " + jobId + " is " + source.state() + "; retry it once it ends");
        }
        List<String[]> failed = store.failedNotes(jobId);
        if (failed.isEmpty()) {
            throw ApiProblem.conflict("Nothing to retry", source.failed() == 0
                    ? "job " + jobId + " has no failed notes"
                    : "the failed notes of job " + jobId + " failed before they were read; the next incremental run reads them again");
        }
        UUID id = UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                store.insert(id, source.connectionId(), JobMode.RETRY, JobTrigger.MANUAL, jobId, caller.userId());
                for (String[] note : failed) {
                    store.addNote(id, note[0], note[1], "PENDING", null, null, List.of(), null, note[2], false);
                }
                store.planned(id, failed.size(), null);
                runner.enqueueWrites(id, failed.stream().map(n -> n[0]).toList());
            });
        } catch (RuntimeException e) {
            throw busy(source.connectionId(), e);
        }
        workers.wake();
        return store.find(id).orElseThrow();
    }

    /**
     * A job for an uploaded Takeout archive. The archive is streamed through keep-extractor into S3
     * (never on disk) and the upload is answered once it is stored; the job's EXTRACT task then reads it
     * from S3, so a replica that dies while extracting or writing leaves a task another one takes over,
     * reading the stored archive again. A Keep API connection may take an archive too: its notes map to
     * the same pages (matched by creation time).
     */
    public Job takeout(Caller caller, UUID connectionId, java.io.InputStream archive) {
        Connection connection = connections.owned(caller, connectionId);
        Job job = start(connection.id(), JobMode.INCREMENTAL, JobTrigger.TAKEOUT, caller.userId(), false);
        store.start(job.id(), JobState.EXTRACTING);
        try {
            extractor.storeTakeout(job.id().toString(), archive);
        } catch (ConnectorFailure e) {
            runner.failJob(job.id(), "keep-extractor could not store the archive: " + e.describe());
            if (e.status() == 413 || e.status() == 400) {
                throw ApiProblem.badRequest(e.getMessage());
            }
            return store.find(job.id()).orElseThrow();
        } catch (RuntimeException e) {
            runner.failJob(job.id(), "the upload was interrupted: " + e.getMessage());
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> queue.enqueueExtract(job.id()));
        workers.wake();
        return store.find(job.id()).orElseThrow();
    }

    private RuntimeException busy(UUID connectionId, RuntimeException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof DatabaseException)) {
            cause = cause.getCause();
        }
        if (cause instanceof DatabaseException db && db.uniqueViolation()) {
            String active = store.active(connectionId).map(j -> " (job " + j.id() + ", " + j.state() + ")").orElse("");
            return ApiProblem.conflict("A job is already running", "connection " + connectionId + " has a job that has not finished" + active
                    + "; wait for it or cancel it");
        }
        return e;
    }
}
