package app.knowledgenetwork.syncservice.mapping;

import java.time.Instant;

/**
 * The Notion page that shows a Keep note.
 *
 * @param contentHash the note's content hash as last written; equal to the note's hash means nothing to write
 * @param archived    the page was archived because the note was trashed
 */
public record NotePage(String noteId, Instant noteCreated, String pageId, String contentHash, boolean archived) {
}
