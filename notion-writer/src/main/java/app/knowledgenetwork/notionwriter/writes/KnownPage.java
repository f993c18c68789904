package app.knowledgenetwork.notionwriter.writes;

/**
 * A page already written for a note, from the caller's note-to-page mapping.
 *
 * @param pageId      the Notion page id
 * @param contentHash the note's content hash as last written there; equal to the note's hash means nothing to write
 */
public record KnownPage(String pageId, String contentHash) {
}
