package app.knowledgenetwork.syncservice.jobs;

import app.knowledgenetwork.syncservice.access.CurrentCaller;
import app.knowledgenetwork.syncservice.db.Sql;
import app.knowledgenetwork.syncservice.queue.TaskQueue;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sync/stats")
@Authenticated
@Tag(name = "Stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private static final String MINE = "(? OR c.owner_id = ?)";

    private final Sql sql;
    private final TaskQueue queue;
    private final CurrentCaller caller;

    public StatsResource(Sql sql, TaskQueue queue, CurrentCaller caller) {
        this.sql = sql;
        this.queue = queue;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Connections, jobs of the last 24 hours by state, notes written in the last 24 hours, pages mapped, queue depth")
    public Stats stats() {
        boolean all = caller.get().admin();
        String me = caller.get().userId();
        long connections = sql.one("SELECT count(*) FROM connections c WHERE " + MINE, r -> r.getLong(1), all, me).orElse(0L);
        Map<String, Long> byState = new LinkedHashMap<>();
        for (JobState state : JobState.values()) {
            byState.put(state.name(), 0L);
        }
        sql.query("SELECT j.state, count(*) FROM jobs j JOIN connections c ON c.id = j.connection_id "
                + "WHERE j.created_at > now() - interval '24 hours' AND " + MINE + " GROUP BY j.state",
                r -> byState.put(r.getString(1), r.getLong(2)), all, me);
        long notes = sql.one("SELECT coalesce(sum(j.created + j.updated + j.archived), 0) FROM jobs j JOIN connections c ON c.id = j.connection_id "
                + "WHERE j.created_at > now() - interval '24 hours' AND " + MINE, r -> r.getLong(1), all, me).orElse(0L);
        long pages = sql.one("SELECT count(*) FROM note_pages p JOIN connections c ON c.id = p.connection_id WHERE " + MINE,
                r -> r.getLong(1), all, me).orElse(0L);
        return new Stats(connections, byState, notes, pages, queue.depth());
    }
}
