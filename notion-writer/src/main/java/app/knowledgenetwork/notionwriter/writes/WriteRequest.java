package app.knowledgenetwork.notionwriter.writes;

import app.knowledgenetwork.common.notes.Note;
import java.util.List;
import java.util.Map;

/**
 * A batch of notes for one Notion database.
 *
 * @param databaseId the Notion database
 * @param tokenRef   which Notion token to use; for now only {@code env:NOTION_TOKEN} (the default)
 * @param notes      the notes, in the normalized model of {@code common}
 * @param knownPages the caller's mapping: page id and last written content hash, by note id
 */
public record WriteRequest(String databaseId, String tokenRef, List<Note> notes, Map<String, KnownPage> knownPages) {
}
