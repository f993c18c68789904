package app.knowledgenetwork.notionwriter.writes;

/**
 * The outcome for one note.
 *
 * @param noteId      the note's id
 * @param pageId      its Notion page (absent when none exists)
 * @param outcome     created, updated, archived, unchanged or failed
 * @param reason      for a failure, what went wrong (Notion's code and message, or the note's problem); for a
 *                    written note, its warnings (an attachment Notion does not accept), or null
 * @param contentHash the note's content hash, to record with the page id
 */
public record NoteWriteResult(String noteId, String pageId, WriteOutcome outcome, String reason, String contentHash) {

    static NoteWriteResult of(String noteId, String pageId, WriteOutcome outcome, String contentHash) {
        return new NoteWriteResult(noteId, pageId, outcome, null, contentHash);
    }

    /** Written, with a warning (null for none) in {@code reason}: e.g. an attachment Notion cannot take. */
    static NoteWriteResult warned(String noteId, String pageId, WriteOutcome outcome, String contentHash, String warning) {
        return new NoteWriteResult(noteId, pageId, outcome, warning, contentHash);
    }

    static NoteWriteResult failed(String noteId, String pageId, String reason, String contentHash) {
        return new NoteWriteResult(noteId, pageId, WriteOutcome.FAILED, reason, contentHash);
    }
}
