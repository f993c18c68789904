package app.knowledgenetwork.notionwriter.writes;

import java.util.List;

/**
 * The outcome for one note.
 *
 * @param noteId      the note's id
 * @param pageId      its Notion page (absent when none exists)
 * @param outcome     created, updated, archived, unchanged or failed
 * @param reason      for a failure, what went wrong (Notion's code and message, or the note's problem); for a
 *                    written note, its warnings (an attachment Notion does not accept), or null
 * @param contentHash the note's content hash, to record with the page id
 * @param warnings    for a written note, what was not written as in Keep (also in {@code reason}, as before)
 * @param attachmentsGone for a failure: S3 keys of the note's attachments that are no longer in S3 (expired);
 *                    extracting the note again from its source and writing it again will do
 */
public record NoteWriteResult(String noteId, String pageId, WriteOutcome outcome, String reason, String contentHash,
        List<String> warnings, List<String> attachmentsGone) {

    static NoteWriteResult of(String noteId, String pageId, WriteOutcome outcome, String contentHash) {
        return new NoteWriteResult(noteId, pageId, outcome, null, contentHash, List.of(), List.of());
    }

    /** Written, with a warning (null for none): e.g. an attachment Notion cannot take. */
    static NoteWriteResult warned(String noteId, String pageId, WriteOutcome outcome, String contentHash, String warning) {
        return new NoteWriteResult(noteId, pageId, outcome, warning, contentHash, warning == null ? List.of() : List.of(warning), List.of());
    }

    static NoteWriteResult failed(String noteId, String pageId, String reason, String contentHash) {
        return new NoteWriteResult(noteId, pageId, WriteOutcome.FAILED, reason, contentHash, List.of(), List.of());
    }

    static NoteWriteResult attachmentGone(String noteId, String pageId, String reason, String contentHash, String s3Key) {
        return new NoteWriteResult(noteId, pageId, WriteOutcome.FAILED, reason, contentHash, List.of(), List.of(s3Key));
    }
}
