package app.knowledgenetwork.syncservice.jobs;

import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.secrets.SecretUnreadableException;
import app.knowledgenetwork.syncservice.SyncSettings;
import app.knowledgenetwork.syncservice.clients.ConnectorFailure;
import app.knowledgenetwork.syncservice.clients.Extraction;
import app.knowledgenetwork.syncservice.clients.KeepExtractor;
import app.knowledgenetwork.syncservice.clients.KnownPage;
import app.knowledgenetwork.syncservice.clients.NotionWriter;
import app.knowledgenetwork.syncservice.clients.TakeoutResult;
import app.knowledgenetwork.syncservice.clients.WriteResult;
import app.knowledgenetwork.syncservice.connections.Connection;
import app.knowledgenetwork.syncservice.connections.ConnectionStore;
import app.knowledgenetwork.syncservice.connections.Connections;
import app.knowledgenetwork.syncservice.connections.SourceType;
import app.knowledgenetwork.syncservice.mapping.NotePage;
import app.knowledgenetwork.syncservice.mapping.NotePages;
import app.knowledgenetwork.syncservice.mapping.Watermarks;
import app.knowledgenetwork.syncservice.metrics.SyncMetrics;
import app.knowledgenetwork.syncservice.queue.Task;
import app.knowledgenetwork.syncservice.queue.TaskQueue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out a job's tasks. EXTRACT asks keep-extractor for the notes, compares each note's content
 * hash with the mapping and queues writes only for new or changed notes (in batches); WRITE sends one
 * batch to notion-writer and records each note's page and outcome. When a job's last task is done, the
 * job ends: SUCCEEDED, PARTIALLY_FAILED or FAILED, and the connection's watermark moves on unless a
 * note failed to be written (then the next incremental run reads it again).
 */
@ApplicationScoped
public class JobRunner {

    /** What became of a claimed task. */
    public enum TaskEnd { DONE, RELEASED }

    private static final Set<String> WRITTEN = Set.of("CREATED", "UPDATED", "ARCHIVED");

    private final JobStore jobs;
    private final TaskQueue queue;
    private final ConnectionStore connectionStore;
    private final Connections connections;
    private final KeepExtractor extractor;
    private final NotionWriter notion;
    private final NotePages pages;
    private final Watermarks watermarks;
    private final ObjectMapper json;
    private final SyncSettings settings;
    private final SyncMetrics metrics;

    public JobRunner(JobStore jobs, TaskQueue queue, ConnectionStore connectionStore, Connections connections, KeepExtractor extractor,
            NotionWriter notion, NotePages pages, Watermarks watermarks, ObjectMapper json, SyncSettings settings, SyncMetrics metrics) {
        this.jobs = jobs;
        this.queue = queue;
        this.connectionStore = connectionStore;
        this.connections = connections;
        this.extractor = extractor;
        this.notion = notion;
        this.pages = pages;
        this.watermarks = watermarks;
        this.json = json;
        this.settings = settings;
        this.metrics = metrics;
    }

    public TaskEnd run(Task task, String worker) {
        Job job = jobs.find(task.jobId()).orElse(null);
        if (job == null || job.state().finished()) {
            return TaskEnd.DONE;
        }
        if (job.cancelRequested()) {
            // completing it lets afterTask end the job as CANCELLED
            return TaskEnd.DONE;
        }
        Connection connection = connectionStore.find(job.connectionId()).orElse(null);
        if (connection == null) {
            fail(job.id(), "the connection was deleted");
            return TaskEnd.DONE;
        }
        try {
            return switch (task.kind()) {
                case EXTRACT -> extract(job, connection, task, worker);
                case WRITE -> write(job, connection, task, worker);
            };
        } catch (SecretUnreadableException e) {
            fail(job.id(), "the connection's stored token cannot be opened (" + e.getMessage() + "); enter the token again");
            return TaskEnd.DONE;
        }
    }

    private TaskEnd extract(Job job, Connection connection, Task task, String worker) {
        jobs.start(job.id(), JobState.EXTRACTING);
        if (job.trigger() == JobTrigger.TAKEOUT) {
            return extractTakeout(job, connection, task, worker);
        }
        if (connection.sourceType() != SourceType.KEEP_API) {
            fail(job.id(), "a Takeout connection syncs the archives uploaded to it; there is nothing to extract");
            return TaskEnd.DONE;
        }
        String watermark = job.mode() == JobMode.FULL ? null : watermarks.of(connection.id()).orElse(null);
        Extraction extraction;
        try {
            extraction = extractor.extract(job.id().toString(), connections.keepCredentials(connection), watermark);
        } catch (ConnectorFailure e) {
            if (e.retryable() && task.attempts() < settings.maxTaskAttempts()) {
                Log.warnf("job %s: keep-extractor failed (%s); trying again", job.id(), e.describe());
                queue.release(task.id(), worker, backoff(task.attempts()));
                return TaskEnd.RELEASED;
            }
            fail(job.id(), "keep-extractor: " + e.describe());
            return TaskEnd.DONE;
        }
        plan(job, connection, extraction.notes(), extraction.failures(), extraction.watermark());
        return TaskEnd.DONE;
    }

    /** Reads the job's uploaded Takeout archive from S3 (again, when a worker died while reading it). */
    private TaskEnd extractTakeout(Job job, Connection connection, Task task, String worker) {
        TakeoutResult result;
        try {
            result = extractor.importStoredTakeout(job.id().toString());
        } catch (ConnectorFailure e) {
            if (e.retryable() && task.attempts() < settings.maxTaskAttempts()) {
                Log.warnf("job %s: keep-extractor failed (%s); trying again", job.id(), e.describe());
                queue.release(task.id(), worker, backoff(task.attempts()));
                return TaskEnd.RELEASED;
            }
            fail(job.id(), "keep-extractor: " + e.describe());
            return TaskEnd.DONE;
        }
        List<Extraction.Failure> rejected = new ArrayList<>();
        Map<String, List<String>> warnings = new HashMap<>();
        for (TakeoutResult.ReportLine line : result.report()) {
            if ("REJECTED".equals(line.status())) {
                rejected.add(new Extraction.Failure(line.file(), line.reason(), false));
            } else if ("IMPORTED".equals(line.status()) && line.reason() != null && !line.reason().isBlank()) {
                // e.g. an attachment missing from the archive: the note is written without it, the file named here
                warnings.put(noteIdOf(line.file()), List.of(line.reason()));
            }
        }
        plan(job, connection, result.notes(), rejected, null, warnings);
        return TaskEnd.DONE;
    }

    /** A Takeout note's id: its file name without {@code .json}. */
    private static String noteIdOf(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    public void plan(Job job, Connection connection, List<Note> extracted, List<Extraction.Failure> failures, String watermark) {
        plan(job, connection, extracted, failures, watermark, Map.of());
    }

    /**
     * Records every note's fate or its pending write and queues the writes, in one transaction: a crash
     * before the commit leaves the EXTRACT task to be done again, after it leaves nothing half-planned.
     */
    public void plan(Job job, Connection connection, List<Note> extracted, List<Extraction.Failure> failures, String watermark,
            Map<String, List<String>> extractWarnings) {
        Map<String, Note> notes = new LinkedHashMap<>();
        extracted.forEach(note -> notes.put(note.id(), note));
        List<String> unused = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            unused.clear();
            Map<String, NotePage> known = pages.find(connection.id(), List.copyOf(notes.values()));
            List<String> toWrite = new ArrayList<>();
            Counts counts = Counts.NONE;
            for (Note note : notes.values()) {
                String hash = note.contentHash();
                NotePage page = known.get(note.id());
                List<String> warnings = extractWarnings.getOrDefault(note.id(), List.of());
                if (page != null && job.mode() != JobMode.FULL && hash.equals(page.contentHash()) && page.noteId().equals(note.id())) {
                    jobs.addNote(job.id(), note.id(), note.title(), "UNCHANGED", page.pageId(), null, warnings, hash, null, false);
                    counts = counts.plus(Counts.of("UNCHANGED", warnings.size()));
                    note.attachments().forEach(a -> unused.add(a.s3Key()));
                } else if (page == null && note.trashed()) {
                    jobs.addNote(job.id(), note.id(), note.title(), "UNCHANGED", null, "in Keep's trash and never written to Notion",
                            warnings, hash, null, false);
                    counts = counts.plus(Counts.of("UNCHANGED", warnings.size()));
                    note.attachments().forEach(a -> unused.add(a.s3Key()));
                } else {
                    // the extraction's warnings are kept; the write adds its own and counts them all
                    jobs.addNote(job.id(), note.id(), note.title(), "PENDING", null, null, warnings, hash, write(note), false);
                    toWrite.add(note.id());
                }
            }
            for (Extraction.Failure failure : failures) {
                jobs.addNote(job.id(), failure.noteId(), "", "FAILED", null, "keep-extractor: " + failure.reason(), List.of(), null, null, false);
                counts = counts.plus(Counts.of("FAILED", 0));
            }
            jobs.planned(job.id(), notes.size() + failures.size(), watermark);
            jobs.count(job.id(), counts, 0);
            enqueueWrites(job.id(), toWrite);
            if (!toWrite.isEmpty()) {
                jobs.start(job.id(), JobState.WRITING);
            }
            metrics.noteUnchanged(counts.unchanged());
            metrics.noteFailed("extract", failures.size());
        });
        deleteAttachments(job, unused);
    }

    /**
     * Removes attachments from S3 once nothing needs them: after their notes' results are committed (a crash
     * before that leaves the batch to be written again, with its files). Best effort: what is left, the
     * bucket's 7-day lifecycle rule removes.
     */
    private void deleteAttachments(Job job, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try {
            extractor.deleteAttachments(keys);
        } catch (RuntimeException e) {
            Log.warnf("job %s: %d attachments stay in S3 until the lifecycle rule removes them: %s", job.id(), keys.size(), e.getMessage());
        }
    }

    public void enqueueWrites(java.util.UUID jobId, List<String> noteIds) {
        for (int from = 0; from < noteIds.size(); from += settings.writeBatch()) {
            queue.enqueueWrite(jobId, noteIds.subList(from, Math.min(noteIds.size(), from + settings.writeBatch())));
        }
    }

    private TaskEnd write(Job job, Connection connection, Task task, String worker) {
        jobs.start(job.id(), JobState.WRITING);
        List<Note> pending = jobs.pendingNotes(job.id(), task.noteIds()).stream().map(this::read).toList();
        if (pending.isEmpty()) {
            return TaskEnd.DONE;
        }
        Map<String, NotePage> known = pages.find(connection.id(), pending);
        Map<String, KnownPage> knownPages = new HashMap<>();
        // A full resync hands no hash: the writer compares each page with its note and repairs what differs.
        known.forEach((noteId, page) -> knownPages.put(noteId,
                new KnownPage(page.pageId(), job.mode() == JobMode.FULL ? null : page.contentHash())));
        Written written;
        try {
            WriteResult first = notion.write(connection.notionDatabaseId(), connections.notionToken(connection), pending, knownPages);
            written = rewriteExpired(job, connection, new Written(pending, first), knownPages);
        } catch (ConnectorFailure e) {
            if (e.retryable() && task.attempts() < settings.maxTaskAttempts()) {
                Log.warnf("job %s: notion-writer failed (%s); trying the batch again", job.id(), e.describe());
                queue.release(task.id(), worker, backoff(task.attempts()));
                return TaskEnd.RELEASED;
            }
            QuarkusTransaction.requiringNew().run(() -> {
                int before = pending.size();
                jobs.markPendingFailed(job.id(), task.noteIds(), "notion-writer: " + e.describe());
                jobs.count(job.id(), new Counts(before, 0, 0, 0, 0, before, 0), 0);
            });
            metrics.noteFailed("connector", pending.size());
            return TaskEnd.DONE;
        }
        List<Note> notes = written.notes();
        WriteResult result = written.result();
        Map<String, Note> byId = new HashMap<>();
        notes.forEach(note -> byId.put(note.id(), note));
        List<String> done = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            done.clear();
            Counts counts = Counts.NONE;
            for (WriteResult.NoteResult r : result.results()) {
                Note note = byId.get(r.noteId());
                if (note == null) {
                    continue;
                }
                boolean failed = "FAILED".equals(r.outcome());
                if (!failed) {
                    note.attachments().forEach(a -> done.add(a.s3Key()));
                }
                if (!failed && r.pageId() != null) {
                    // recorded even if the job was cancelled meanwhile: the page exists now
                    NotePage previous = known.get(note.id());
                    pages.record(connection.id(), note, previous == null ? null : previous.noteId(), r.pageId(),
                            r.contentHash() != null ? r.contentHash() : note.contentHash(), note.trashed());
                }
                // an older notion-writer gave a written note's warning in its reason only
                List<String> warnings = failed ? List.of() : !r.warnings().isEmpty() ? r.warnings()
                        : r.reason() != null && !r.reason().isBlank() ? List.of(r.reason()) : List.of();
                int extractWarnings = jobs.warningCount(job.id(), note.id());
                if (jobs.result(job.id(), note.id(), r.outcome(), r.pageId(), failed ? r.reason() : null, warnings)) {
                    counts = counts.plus(Counts.of(r.outcome(), extractWarnings + warnings.size()));
                    if (WRITTEN.contains(r.outcome())) {
                        metrics.noteWritten(r.outcome());
                    }
                }
            }
            jobs.count(job.id(), counts, result.notionRequests());
            metrics.noteFailed("write", counts.failed());
            metrics.noteUnchanged(counts.unchanged());
        });
        metrics.notionRequests(result.notionRequests());
        // A failed note keeps its files: a retry of the job writes it from them.
        deleteAttachments(job, done);
        return TaskEnd.DONE;
    }

    /** The notes of a batch as they were written, and notion-writer's answer for them. */
    private record Written(List<Note> notes, WriteResult result) {
    }

    /**
     * A note whose attachments left S3 before it was written (a retry later than the bucket's 7-day lifecycle,
     * or a write done again after its files were deleted) is read again from the Keep API, its files copied to
     * S3 again, and written once more in the same task. Its stored copy is replaced first, so that a task done
     * again after a crash writes the fresh one. A Takeout note cannot be read again (its archive expired with
     * its files): it stays failed, saying to upload the archive again.
     */
    private Written rewriteExpired(Job job, Connection connection, Written written, Map<String, KnownPage> knownPages) {
        List<String> expired = written.result().results().stream()
                .filter(r -> "FAILED".equals(r.outcome()) && !r.attachmentsGone().isEmpty()).map(WriteResult.NoteResult::noteId).toList();
        if (expired.isEmpty()) {
            return written;
        }
        Map<String, Note> byId = new LinkedHashMap<>();
        written.notes().forEach(note -> byId.put(note.id(), note));
        Map<String, WriteResult.NoteResult> results = new LinkedHashMap<>();
        written.result().results().forEach(r -> results.put(r.noteId(), r));
        List<String> fromKeep = expired.stream()
                .filter(id -> connection.sourceType() == SourceType.KEEP_API && byId.containsKey(id)
                        && byId.get(id).source() == app.knowledgenetwork.common.notes.NoteSource.KEEP_API)
                .toList();
        for (String id : expired) {
            if (!fromKeep.contains(id)) {
                WriteResult.NoteResult r = results.get(id);
                results.put(id, failedAgain(r, r.reason() + "; the Takeout archive it came from has expired too: upload the archive again"));
            }
        }
        long requests = written.result().notionRequests();
        if (!fromKeep.isEmpty()) {
            Extraction again;
            try {
                again = extractor.readNotes(job.id().toString(), connections.keepCredentials(connection), fromKeep);
            } catch (ConnectorFailure e) {
                Log.warnf("job %s: %d notes whose attachments expired could not be read again from Keep: %s", job.id(), fromKeep.size(),
                        e.describe());
                return new Written(written.notes(), new WriteResult(List.copyOf(results.values()), requests));
            }
            for (Extraction.Failure failure : again.failures()) {
                WriteResult.NoteResult r = results.get(failure.noteId());
                if (r != null) {
                    results.put(failure.noteId(), failedAgain(r, r.reason() + "; read again from Keep: " + failure.reason()));
                }
            }
            List<Note> fresh = again.notes().stream().filter(n -> byId.containsKey(n.id())).toList();
            if (!fresh.isEmpty()) {
                fresh.forEach(n -> jobs.replacePendingNote(job.id(), n.id(), write(n), n.contentHash()));
                Map<String, KnownPage> knownFresh = new HashMap<>();
                fresh.forEach(n -> {
                    if (knownPages.containsKey(n.id())) {
                        knownFresh.put(n.id(), knownPages.get(n.id()));
                    }
                });
                Log.infof("job %s: %d notes whose attachments expired were read again from Keep; writing them again", job.id(), fresh.size());
                WriteResult second;
                try {
                    second = notion.write(connection.notionDatabaseId(), connections.notionToken(connection), fresh, knownFresh);
                } catch (ConnectorFailure e) {
                    // the batch's other results stand; these notes stay failed for a later retry
                    Log.warnf("job %s: writing the notes read again failed: %s", job.id(), e.describe());
                    return new Written(written.notes(), new WriteResult(List.copyOf(results.values()), requests));
                }
                requests += second.notionRequests();
                second.results().forEach(r -> results.put(r.noteId(), r));
                fresh.forEach(n -> byId.put(n.id(), n));
            }
        }
        return new Written(List.copyOf(byId.values()), new WriteResult(List.copyOf(results.values()), requests));
    }

    private static WriteResult.NoteResult failedAgain(WriteResult.NoteResult r, String reason) {
        return new WriteResult.NoteResult(r.noteId(), r.pageId(), r.outcome(), reason, r.contentHash(), r.warnings(), List.of());
    }

    /** After a task left the queue: ends the job when it was the last one. */
    public void afterTask(java.util.UUID jobId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = jobs.lock(jobId).orElse(null);
            if (job == null || job.state().finished()) {
                return;
            }
            if (job.cancelRequested()) {
                queue.dropUnclaimed(jobId);
                if (queue.remaining(jobId) == 0) {
                    jobs.cancelPending(jobId);
                    jobs.finish(jobId, JobState.CANCELLED, null);
                    metrics.jobFinished(JobState.CANCELLED, job.mode(), job.startedAt());
                }
                return;
            }
            if (queue.remaining(jobId) > 0) {
                return;
            }
            int good = job.created() + job.updated() + job.archived() + job.unchanged();
            JobState state = job.failed() == 0 ? JobState.SUCCEEDED : good > 0 ? JobState.PARTIALLY_FAILED : JobState.FAILED;
            jobs.finish(jobId, state, null);
            if (job.mode() != JobMode.RETRY && job.watermark() != null && !jobs.holdsWatermark(jobId)) {
                watermarks.set(job.connectionId(), job.watermark());
            }
            jobs.forgetWrittenNotes(jobId);
            metrics.jobFinished(state, job.mode(), job.startedAt());
        });
    }

    /**
     * Cancels a job: its waiting tasks are dropped and it ends CANCELLED as soon as no write is under
     * way. A write already sent to notion-writer is let finish (and records its pages) before the job
     * ends, because a new job of the connection must never write the same notes at the same time: the
     * two would each create the pages the other has not finished creating.
     */
    public void cancel(java.util.UUID jobId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = jobs.lock(jobId).orElse(null);
            if (job == null || job.state().finished()) {
                return;
            }
            jobs.requestCancel(jobId);
            queue.dropUnclaimed(jobId);
            if (queue.remaining(jobId) == 0) {
                jobs.cancelPending(jobId);
                jobs.finish(jobId, JobState.CANCELLED, null);
                metrics.jobFinished(JobState.CANCELLED, job.mode(), job.startedAt());
            }
        });
    }

    /** Ends a job FAILED with the reason (its waiting work dropped). */
    public void failJob(java.util.UUID jobId, String error) {
        fail(jobId, error);
    }

    private void fail(java.util.UUID jobId, String error) {
        Log.warnf("job %s failed: %s", jobId, error);
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = jobs.lock(jobId).orElse(null);
            if (job == null || job.state().finished()) {
                return;
            }
            queue.dropAll(jobId);
            jobs.finish(jobId, JobState.FAILED, error);
            metrics.jobFinished(JobState.FAILED, job.mode(), job.startedAt());
        });
    }

    private Duration backoff(int attempts) {
        return settings.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 6));
    }

    private String write(Note note) {
        try {
            return json.writeValueAsString(note);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a note cannot be written as JSON", e);
        }
    }

    private Note read(String text) {
        try {
            return json.readValue(text, Note.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored note cannot be read back", e);
        }
    }
}
