package app.knowledgenetwork.notionwriter.writes;

import app.knowledgenetwork.common.notes.Note;
import java.util.List;
import java.util.Map;

/**
 * A batch of notes for one Notion database.
 *
 * @param databaseId the Notion database
 * @param tokenRef   which configured Notion token to use; only {@code env:NOTION_TOKEN} (the default)
 * @param token      the integration token itself, when the caller keeps it (sync-service stores each
 *                   connection's token encrypted and passes it per request); takes precedence over tokenRef
 * @param notes      the notes, in the normalized model of {@code common}
 * @param knownPages the caller's mapping: page id and last written content hash, by note id
 */
public record WriteRequest(String databaseId, String tokenRef, String token, List<Note> notes, Map<String, KnownPage> knownPages) {
}
