package app.knowledgenetwork.syncservice.jobs;

import app.knowledgenetwork.syncservice.db.Sql;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The jobs and job_notes tables. */
@ApplicationScoped
public class JobStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Sql sql;
    private final ObjectMapper json;

    public JobStore(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    public void insert(UUID id, UUID connectionId, JobMode mode, JobTrigger trigger, UUID retryOf, String requestedBy) {
        sql.update("INSERT INTO jobs (id, connection_id, mode, trigger, state, retry_of, requested_by) VALUES (?, ?, ?, ?, 'PENDING', ?, ?)",
                id, connectionId, mode, trigger, retryOf, requestedBy);
    }

    public Optional<Job> find(UUID id) {
        return sql.one("SELECT * FROM jobs WHERE id = ?", JobStore::read, id);
    }

    /** The job, its row locked until the transaction ends: finishing and cancelling never interleave. */
    public Optional<Job> lock(UUID id) {
        return sql.one("SELECT * FROM jobs WHERE id = ? FOR UPDATE", JobStore::read, id);
    }

    public List<Job> list(UUID connectionId, int limit) {
        return sql.query("SELECT * FROM jobs WHERE connection_id = ? ORDER BY created_at DESC LIMIT ?", JobStore::read, connectionId, limit);
    }

    public Optional<Job> active(UUID connectionId) {
        return sql.one("SELECT * FROM jobs WHERE connection_id = ? AND state IN ('PENDING', 'EXTRACTING', 'WRITING')", JobStore::read, connectionId);
    }

    public void start(UUID id, JobState state) {
        sql.update("UPDATE jobs SET state = ?, started_at = coalesce(started_at, now()) WHERE id = ? AND state IN ('PENDING', 'EXTRACTING', 'WRITING')",
                state, id);
    }

    public void planned(UUID id, int total, String watermark) {
        sql.update("UPDATE jobs SET notes_total = notes_total + ?, watermark = coalesce(?, watermark) WHERE id = ?", total, watermark, id);
    }

    public void count(UUID id, Counts counts, long notionRequests) {
        sql.update("""
                UPDATE jobs SET notes_done = notes_done + ?, created = created + ?, updated = updated + ?, archived = archived + ?,
                  unchanged = unchanged + ?, failed = failed + ?, warnings = warnings + ?, notion_requests = notion_requests + ?
                WHERE id = ?""",
                counts.done(), counts.created(), counts.updated(), counts.archived(), counts.unchanged(), counts.failed(),
                counts.warnings(), notionRequests, id);
    }

    public void requestCancel(UUID id) {
        sql.update("UPDATE jobs SET cancel_requested = true WHERE id = ?", id);
    }

    public void finish(UUID id, JobState state, String error) {
        sql.update("UPDATE jobs SET state = ?, error = coalesce(?, error), finished_at = now() WHERE id = ?", state, error, id);
    }

    // --- job notes ---

    /**
     * @param holdsWatermark a failure the next incremental run must read again (a write failure); an
     *                       extraction failure does not hold it, keep-extractor's watermark already does
     */
    public void addNote(UUID jobId, String noteId, String title, String outcome, String pageId, String reason, List<String> warnings,
            String contentHash, String noteJson, boolean holdsWatermark) {
        sql.update("""
                INSERT INTO job_notes (job_id, note_id, title, outcome, page_id, reason, warnings, content_hash, note, retryable)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (job_id, note_id) DO UPDATE SET title = excluded.title, outcome = excluded.outcome, page_id = excluded.page_id,
                  reason = excluded.reason, warnings = excluded.warnings, content_hash = excluded.content_hash, note = excluded.note,
                  updated_at = now()""",
                jobId, noteId, title, outcome, pageId, reason, jsonb(warnings), contentHash, noteJson == null ? null : new Sql.Jsonb(noteJson),
                holdsWatermark);
    }

    /** Records a written note's result; only a PENDING note changes, so a task run twice counts once. */
    public boolean result(UUID jobId, String noteId, String outcome, String pageId, String reason, List<String> warnings) {
        return sql.update("""
                UPDATE job_notes SET outcome = ?, page_id = coalesce(?, page_id), reason = ?, warnings = warnings || ?, updated_at = now()
                WHERE job_id = ? AND note_id = ? AND outcome = 'PENDING'""",
                outcome, pageId, reason, jsonb(warnings), jobId, noteId) == 1;
    }

    /** Warnings a note already carries (from its extraction) before its write adds its own. */
    public int warningCount(UUID jobId, String noteId) {
        return sql.one("SELECT jsonb_array_length(warnings) FROM job_notes WHERE job_id = ? AND note_id = ? AND outcome = 'PENDING'",
                r -> r.getInt(1), jobId, noteId).orElse(0);
    }

    /** The stored notes (their JSON) of a batch still waiting to be written. */
    public List<String> pendingNotes(UUID jobId, List<String> noteIds) {
        return sql.query("SELECT note FROM job_notes WHERE job_id = ? AND note_id = ANY(?) AND outcome = 'PENDING' ORDER BY note_id",
                r -> r.getString(1), jobId, noteIds.toArray(String[]::new));
    }

    /** Replaces a pending note's stored copy (read again from Keep): a write done again uses the new one. */
    public void replacePendingNote(UUID jobId, String noteId, String noteJson, String contentHash) {
        sql.update("UPDATE job_notes SET note = ?, content_hash = ?, updated_at = now() WHERE job_id = ? AND note_id = ? AND outcome = 'PENDING'",
                new Sql.Jsonb(noteJson), contentHash, jobId, noteId);
    }

    /** The failed notes of a job that can be written again without extracting (their note was read). */
    public List<String[]> failedNotes(UUID jobId) {
        return sql.query("SELECT note_id, title, note FROM job_notes WHERE job_id = ? AND outcome = 'FAILED' AND note IS NOT NULL",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, jobId);
    }

    public List<JobNote> notes(UUID jobId, String outcome, String after, int limit) {
        return sql.query("""
                SELECT note_id, title, outcome, page_id, reason, warnings, updated_at FROM job_notes
                WHERE job_id = ? AND (CAST(? AS text) IS NULL OR outcome = ?) AND note_id > ? ORDER BY note_id LIMIT ?""",
                this::readNote, jobId, outcome, outcome, after == null ? "" : after, limit);
    }

    /** Whether a note of the job failed in a way the next incremental run must read again. */
    public boolean holdsWatermark(UUID jobId) {
        return sql.one("SELECT 1 FROM job_notes WHERE job_id = ? AND outcome = 'FAILED' AND retryable LIMIT 1", r -> true, jobId).isPresent();
    }

    public void markPendingFailed(UUID jobId, List<String> noteIds, String reason) {
        sql.update("UPDATE job_notes SET outcome = 'FAILED', reason = ?, updated_at = now() WHERE job_id = ? AND note_id = ANY(?) AND outcome = 'PENDING'",
                reason, jobId, noteIds.toArray(String[]::new));
    }

    public int cancelPending(UUID jobId) {
        return sql.update("UPDATE job_notes SET outcome = 'FAILED', reason = 'the job was cancelled before this note was written', "
                + "updated_at = now() WHERE job_id = ? AND outcome = 'PENDING'", jobId);
    }

    /** Drops the stored notes of a finished job except the failed ones, which a retry writes again. */
    public void forgetWrittenNotes(UUID jobId) {
        sql.update("UPDATE job_notes SET note = NULL WHERE job_id = ? AND outcome <> 'FAILED' AND note IS NOT NULL", jobId);
    }

    private Sql.Jsonb jsonb(List<String> values) {
        try {
            return new Sql.Jsonb(json.writeValueAsString(values == null ? List.of() : values));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JobNote readNote(ResultSet r) throws SQLException {
        List<String> warnings;
        try {
            warnings = json.readValue(r.getString("warnings"), STRINGS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            warnings = List.of();
        }
        return new JobNote(r.getString("note_id"), r.getString("title"), r.getString("outcome"), r.getString("page_id"),
                r.getString("reason"), warnings, Sql.instant(r, "updated_at"));
    }

    static Job read(ResultSet r) throws SQLException {
        return new Job(Sql.uuid(r, "id"), Sql.uuid(r, "connection_id"), JobMode.valueOf(r.getString("mode")),
                JobTrigger.valueOf(r.getString("trigger")), JobState.valueOf(r.getString("state")), Sql.uuid(r, "retry_of"),
                r.getString("requested_by"), r.getBoolean("cancel_requested"), r.getInt("notes_total"), r.getInt("notes_done"),
                r.getInt("created"), r.getInt("updated"), r.getInt("archived"), r.getInt("unchanged"), r.getInt("failed"),
                r.getInt("warnings"), r.getLong("notion_requests"), r.getString("watermark"), r.getString("error"),
                Sql.instant(r, "created_at"), Sql.instant(r, "started_at"), Sql.instant(r, "finished_at"));
    }
}
