package app.knowledgenetwork.apigateway.console;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.console.KnowledgeApiIdentity.Refused;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's calls to sync-service's admin REST API ({@code /api/v1/sync}) with the signed-in admin's
 * access token. Blocking; called from the console's worker threads.
 */
@ApplicationScoped
public class SyncServiceApi {

    public record ConnectionRow(String id, String name, String sourceType, boolean enabled, Integer scheduleMinutes,
                                String nextRunAt, String notionDatabaseTitle) {
    }

    public record JobRow(String id, String mode, String trigger, String state, int notesDone, int notesTotal, int created,
                         int updated, int archived, int unchanged, int failed, int warnings, String error,
                         String createdAt, String finishedAt) {

        /** Not finished yet: sync-service's PENDING, EXTRACTING or WRITING (it can still be cancelled). */
        public boolean inProgress() {
            return "PENDING".equals(state) || "EXTRACTING".equals(state) || "WRITING".equals(state);
        }
    }

    public record NoteRow(String noteId, String title, String outcome, String pageId, String reason, List<String> warnings) {
    }

    /** Each note's result in a job: outcome, reason, warnings. */
    public List<NoteRow> notes(String accessToken, String jobId) {
        JsonArray list = new JsonArray(send("GET", "/api/v1/sync/jobs/" + encode(jobId) + "/notes?limit=200", null, accessToken));
        List<NoteRow> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonObject n = list.getJsonObject(i);
            List<String> warnings = new ArrayList<>();
            JsonArray w = n.getJsonArray("warnings", new JsonArray());
            for (int k = 0; k < w.size(); k++) {
                warnings.add(w.getString(k));
            }
            rows.add(new NoteRow(n.getString("noteId"), n.getString("title"), n.getString("outcome"), n.getString("pageId"),
                    n.getString("reason"), warnings));
        }
        return rows;
    }

    /** Cancels a job, or starts one that writes again the notes a finished job failed to write. */
    public void jobAction(String accessToken, String jobId, String action) {
        if (!"cancel".equals(action) && !"retry".equals(action)) {
            throw new Refused("NOT_FOUND", "No job action named " + action);
        }
        send("POST", "/api/v1/sync/jobs/" + encode(jobId) + "/" + action, null, accessToken);
    }

    static final String USER_AGENT = "kn-admin-console";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI base;

    public SyncServiceApi(GatewayConfig config) {
        this.base = config.services().get("sync_service").url();
    }

    public List<ConnectionRow> connections(String accessToken) {
        JsonArray list = new JsonArray(send("GET", "/api/v1/sync/connections", null, accessToken));
        List<ConnectionRow> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonObject c = list.getJsonObject(i);
            rows.add(new ConnectionRow(c.getString("id"), c.getString("name"), c.getString("sourceType"),
                    c.getBoolean("enabled", false), c.getInteger("scheduleMinutes"), c.getString("nextRunAt"),
                    c.getString("notionDatabaseTitle")));
        }
        return rows;
    }

    public List<JobRow> jobs(String accessToken, String connectionId) {
        JsonArray list = new JsonArray(send("GET", "/api/v1/sync/connections/" + encode(connectionId) + "/jobs?limit=50", null, accessToken));
        List<JobRow> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonObject j = list.getJsonObject(i);
            rows.add(new JobRow(j.getString("id"), j.getString("mode"), j.getString("trigger"), j.getString("state"),
                    j.getInteger("notesDone", 0), j.getInteger("notesTotal", 0), j.getInteger("created", 0),
                    j.getInteger("updated", 0), j.getInteger("archived", 0), j.getInteger("unchanged", 0),
                    j.getInteger("failed", 0), j.getInteger("warnings", 0), j.getString("error"),
                    j.getString("createdAt"), j.getString("finishedAt")));
        }
        return rows;
    }

    /** The recent jobs (up to 50 each) of every connection, for the dashboard's charts. */
    public List<JobRow> recentJobs(String accessToken) {
        List<JobRow> all = new ArrayList<>();
        for (ConnectionRow connection : connections(accessToken)) {
            all.addAll(jobs(accessToken, connection.id()));
        }
        return all;
    }

    /** Creates a connection (sync-service checks the Notion database first and names what is wrong); its id. */
    public String createConnection(String accessToken, JsonObject request) {
        return new JsonObject(send("POST", "/api/v1/sync/connections", request.encode(), accessToken)).getString("id");
    }

    /**
     * Turns a connection's scheduled runs on or off. sync-service edits a connection as a whole, so the edit
     * sends back what it shows of the connection; tokens left out keep the stored ones.
     */
    public void setEnabled(String accessToken, String connectionId, boolean enabled) {
        String path = "/api/v1/sync/connections/" + encode(connectionId);
        JsonObject shown = new JsonObject(send("GET", path, null, accessToken));
        JsonObject edit = new JsonObject();
        for (String field : List.of("name", "sourceType", "keepCredentialsType", "keepSubject", "notionDatabaseId",
                "scheduleMinutes")) {
            edit.put(field, shown.getValue(field));
        }
        send("PUT", path, edit.put("enabled", enabled).encode(), accessToken);
    }

    /** Starts a job now: INCREMENTAL ("sync now") or FULL ("full resync"). */
    public void trigger(String accessToken, String connectionId, String mode) {
        send("POST", "/api/v1/sync/connections/" + encode(connectionId) + "/jobs",
                new JsonObject().put("mode", mode).encode(), accessToken);
    }

    private String send(String method, String path, String body, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("Authorization", "Bearer " + accessToken)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Refused("SERVICE_UNAVAILABLE", "sync-service could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("SERVICE_UNAVAILABLE", "interrupted");
        }
        if (response.statusCode() >= 400) {
            String detail;
            try {
                detail = new JsonObject(response.body()).getString("detail", "sync-service answered " + response.statusCode());
            } catch (RuntimeException notJson) {
                detail = "sync-service answered " + response.statusCode();
            }
            throw new Refused(response.statusCode() == 404 ? "NOT_FOUND" : response.statusCode() == 409 ? "CONFLICT"
                    : response.statusCode() >= 500 ? "SERVICE_UNAVAILABLE" : "BAD_REQUEST", detail);
        }
        return response.body();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
