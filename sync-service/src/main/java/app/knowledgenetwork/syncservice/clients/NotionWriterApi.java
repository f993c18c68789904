package app.knowledgenetwork.syncservice.clients;

import app.knowledgenetwork.common.notes.Note;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notion-writer's REST API (NOTION_WRITER_URL). */
@RegisterRestClient(configKey = "notion-writer")
@RegisterProvider(ProblemReader.class)
@Path("/api/v1/notion")
public interface NotionWriterApi {

    record WriteRequest(String databaseId, String token, List<Note> notes, Map<String, KnownPage> knownPages) {
        @Override
        public String toString() {
            return "WriteRequest[" + databaseId + ", " + notes.size() + " notes]";
        }
    }

    record CheckRequest(String databaseId, String token) {
        @Override
        public String toString() {
            return "CheckRequest[" + databaseId + "]";
        }
    }

    @POST
    @Path("/writes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    WriteResult write(WriteRequest request);

    @POST
    @Path("/database-checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    DatabaseCheck check(CheckRequest request);
}
