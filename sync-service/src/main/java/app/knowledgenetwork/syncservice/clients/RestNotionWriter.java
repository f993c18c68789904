package app.knowledgenetwork.syncservice.clients;

import app.knowledgenetwork.common.notes.Note;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

@ApplicationScoped
public class RestNotionWriter implements NotionWriter {

    private final NotionWriterApi api;

    public RestNotionWriter(@RestClient NotionWriterApi api) {
        this.api = api;
    }

    @Override
    public WriteResult write(String databaseId, String token, List<Note> notes, Map<String, KnownPage> knownPages) {
        try {
            return api.write(new NotionWriterApi.WriteRequest(databaseId, token, notes, knownPages));
        } catch (ProcessingException e) {
            throw new ConnectorFailure(0, "notion-writer did not answer", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public DatabaseCheck check(String databaseId, String token) {
        try {
            return api.check(new NotionWriterApi.CheckRequest(databaseId, token));
        } catch (ProcessingException e) {
            throw new ConnectorFailure(0, "notion-writer did not answer", String.valueOf(e.getMessage()));
        }
    }
}
