package app.knowledgenetwork.syncservice.clients;

import app.knowledgenetwork.common.notes.Note;
import java.util.List;
import java.util.Map;

/** notion-writer as the sync sees it. */
public interface NotionWriter {

    /**
     * Writes notes into the database with the connection's integration token; idempotent.
     *
     * @throws ConnectorFailure when the whole batch is refused (database incompatible, token refused, unreachable)
     */
    WriteResult write(String databaseId, String token, List<Note> notes, Map<String, KnownPage> knownPages);

    /**
     * Checks that the database can take notes with this token, changing nothing.
     *
     * @throws ConnectorFailure naming what is wrong
     */
    DatabaseCheck check(String databaseId, String token);
}
