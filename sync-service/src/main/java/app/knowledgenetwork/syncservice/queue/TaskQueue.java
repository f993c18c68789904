package app.knowledgenetwork.syncservice.queue;

import app.knowledgenetwork.syncservice.db.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable queue in PostgreSQL. A worker claims the oldest free task with {@code FOR UPDATE SKIP
 * LOCKED} (replicas never wait on each other's claims) and holds it by a lease it renews while working;
 * a task whose lease ran out — its worker died or hung — is free again, and only the lease's owner can
 * complete it.
 */
@ApplicationScoped
public class TaskQueue {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Sql sql;
    private final ObjectMapper json;

    public TaskQueue(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    public void enqueueExtract(UUID jobId) {
        sql.update("INSERT INTO tasks (job_id, kind) VALUES (?, 'EXTRACT')", jobId);
    }

    public void enqueueWrite(UUID jobId, List<String> noteIds) {
        try {
            sql.update("INSERT INTO tasks (job_id, kind, note_ids) VALUES (?, 'WRITE', ?)", jobId,
                    new Sql.Jsonb(json.writeValueAsString(noteIds)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Task> claim(String worker, Duration lease) {
        return sql.one("""
                UPDATE tasks SET lease_owner = ?, lease_until = now() + make_interval(secs => ?), attempts = attempts + 1
                WHERE id = (SELECT id FROM tasks WHERE lease_until IS NULL OR lease_until < now()
                            ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
                RETURNING id, job_id, kind, note_ids, attempts""",
                r -> new Task(r.getLong("id"), Sql.uuid(r, "job_id"), Task.Kind.valueOf(r.getString("kind")),
                        noteIds(r.getString("note_ids")), r.getInt("attempts")),
                worker, seconds(lease));
    }

    /** Renews the lease; false when the task is no longer this worker's (its lease ran out and another took it). */
    public boolean heartbeat(long taskId, String worker, Duration lease) {
        return sql.update("UPDATE tasks SET lease_until = now() + make_interval(secs => ?) WHERE id = ? AND lease_owner = ?",
                seconds(lease), taskId, worker) == 1;
    }

    /** Done: the task leaves the queue; false when it was no longer this worker's. */
    public boolean complete(long taskId, String worker) {
        return sql.update("DELETE FROM tasks WHERE id = ? AND lease_owner = ?", taskId, worker) == 1;
    }

    /** Gives the task back, to be claimed again after the delay. */
    public void release(long taskId, String worker, Duration delay) {
        sql.update("UPDATE tasks SET lease_owner = NULL, lease_until = now() + make_interval(secs => ?) WHERE id = ? AND lease_owner = ?",
                seconds(delay), taskId, worker);
    }

    public long remaining(UUID jobId) {
        return sql.one("SELECT count(*) FROM tasks WHERE job_id = ?", r -> r.getLong(1), jobId).orElse(0L);
    }

    /** Drops the tasks no worker is working on; a task under way stays until its worker is done. */
    public void dropUnclaimed(UUID jobId) {
        sql.update("DELETE FROM tasks WHERE job_id = ? AND (lease_owner IS NULL OR lease_until < now())", jobId);
    }

    public void dropAll(UUID jobId) {
        sql.update("DELETE FROM tasks WHERE job_id = ?", jobId);
    }

    /** Tasks waiting or being worked on, for the queue-depth gauge. */
    public long depth() {
        return sql.one("SELECT count(*) FROM tasks", r -> r.getLong(1)).orElse(0L);
    }

    private List<String> noteIds(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a task's note_ids are not a JSON array of strings", e);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
