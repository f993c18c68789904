package app.knowledgenetwork.syncservice.mapping;

import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.syncservice.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The note-to-page mapping of a connection. A note is found by its id, else by its creation time: a
 * Takeout note's id is its file name, which changes with its title, and the same note reached through
 * the Keep API and through a Takeout has two ids but one creation time, so both must map to one page.
 */
@ApplicationScoped
public class NotePages {

    private final Sql sql;

    public NotePages(Sql sql) {
        this.sql = sql;
    }

    /** The pages of these notes, by note id; notes without one are absent. */
    public Map<String, NotePage> find(UUID connectionId, List<Note> notes) {
        Map<String, NotePage> found = new HashMap<>();
        if (notes.isEmpty()) {
            return found;
        }
        String[] ids = notes.stream().map(Note::id).toArray(String[]::new);
        Map<String, NotePage> byId = new HashMap<>();
        sql.query("SELECT * FROM note_pages WHERE connection_id = ? AND note_id = ANY(?)", NotePages::read, connectionId, ids)
                .forEach(page -> byId.put(page.noteId(), page));
        List<Note> unmatched = notes.stream().filter(n -> !byId.containsKey(n.id())).toList();
        found.putAll(byId);
        if (unmatched.isEmpty()) {
            return found;
        }
        Instant[] created = unmatched.stream().map(Note::createdAt).toArray(Instant[]::new);
        Map<Instant, List<NotePage>> byCreated = new HashMap<>();
        Set<String> batchIds = new HashSet<>(List.of(ids));
        sql.query("SELECT * FROM note_pages WHERE connection_id = ? AND note_created = ANY(?)", NotePages::read, connectionId, created)
                .stream()
                // a page whose own note is in this batch is that note's, not a renamed one's
                .filter(page -> !batchIds.contains(page.noteId()))
                .forEach(page -> byCreated.computeIfAbsent(page.noteCreated(), k -> new java.util.ArrayList<>()).add(page));
        Map<Instant, Long> createdInBatch = new HashMap<>();
        unmatched.forEach(n -> createdInBatch.merge(n.createdAt(), 1L, Long::sum));
        for (Note note : unmatched) {
            List<NotePage> candidates = byCreated.getOrDefault(note.createdAt(), List.of());
            // only an unambiguous match: one page, one note of that creation time
            if (candidates.size() == 1 && createdInBatch.get(note.createdAt()) == 1) {
                found.put(note.id(), candidates.getFirst());
            }
        }
        return found;
    }

    /**
     * Records what was written for a note; a page first recorded under another id (a renamed Takeout
     * note) moves to the note's current id.
     */
    public void record(UUID connectionId, Note note, String previousNoteId, String pageId, String contentHash, boolean archived) {
        if (previousNoteId != null && !previousNoteId.equals(note.id())) {
            sql.update("DELETE FROM note_pages WHERE connection_id = ? AND note_id = ?", connectionId, previousNoteId);
        }
        sql.update("""
                INSERT INTO note_pages (connection_id, note_id, note_created, page_id, content_hash, archived, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (connection_id, note_id) DO UPDATE
                  SET note_created = excluded.note_created, page_id = excluded.page_id, content_hash = excluded.content_hash,
                      archived = excluded.archived, updated_at = now()""",
                connectionId, note.id(), note.createdAt(), pageId, contentHash, archived);
    }

    public long count(UUID connectionId) {
        return sql.one("SELECT count(*) FROM note_pages WHERE connection_id = ?", r -> r.getLong(1), connectionId).orElse(0L);
    }

    static NotePage read(ResultSet r) throws SQLException {
        return new NotePage(r.getString("note_id"), Sql.instant(r, "note_created"), r.getString("page_id"),
                r.getString("content_hash"), r.getBoolean("archived"));
    }
}
