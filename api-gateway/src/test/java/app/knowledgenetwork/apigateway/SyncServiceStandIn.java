package app.knowledgenetwork.apigateway;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** sync-service's admin API as the console uses it, scripted: one connection, its jobs, and job triggers recorded. */
public final class SyncServiceStandIn {

    public static final String CONNECTION = "c0ffee00-0000-4000-8000-000000000001";
    /** The modes of the jobs the console started. */
    public static final List<String> TRIGGERED = new CopyOnWriteArrayList<>();
    /** Whether the connection has a job running (listed first, 5 of 12 notes done). */
    public static final java.util.concurrent.atomic.AtomicBoolean JOB_RUNNING = new java.util.concurrent.atomic.AtomicBoolean();
    /** The connections the console created, as sync-service received them. */
    public static final List<JsonObject> CREATED = new CopyOnWriteArrayList<>();
    /** The edits (PUT) of the connection, as sync-service received them. */
    public static final List<JsonObject> EDITED = new CopyOnWriteArrayList<>();

    private SyncServiceStandIn() {
    }

    static void answer(HttpServerRequest request, String body) {
        String path = request.path();
        if (!String.valueOf(request.getHeader("Authorization")).startsWith("Bearer ")) {
            reply(request, 401, new JsonObject().put("detail", "sign in"));
        } else if (path.equals("/api/v1/sync/connections") && "POST".equals(request.method().name())) {
            JsonObject created = new JsonObject(body);
            if ("bad-database".equals(created.getString("notionDatabaseId"))) {
                reply(request, 422, new JsonObject().put("detail", "The Notion database bad-database is not shared with the integration"));
                return;
            }
            CREATED.add(created);
            reply(request, 200, new JsonObject().put("id", "c0ffee00-0000-4000-8000-00000000000" + CREATED.size()));
        } else if (path.equals("/api/v1/sync/connections")) {
            reply(request, 200, new JsonArray().add(new JsonObject().put("id", CONNECTION).put("name", "Team notes")
                    .put("sourceType", "KEEP_API").put("enabled", true).put("scheduleMinutes", 60)
                    .put("notionDatabaseTitle", "Keep").put("nextRunAt", "2026-12-02T03:00:00Z")));
        } else if (path.equals("/api/v1/sync/connections/" + CONNECTION) && "PUT".equals(request.method().name())) {
            EDITED.add(new JsonObject(body));
            reply(request, 200, new JsonObject(body).put("id", CONNECTION));
        } else if (path.equals("/api/v1/sync/connections/" + CONNECTION)) {
            // As sync-service shows a connection: never a token, only whether one is stored.
            reply(request, 200, new JsonObject().put("id", CONNECTION).put("name", "Team notes").put("sourceType", "KEEP_API")
                    .put("keepCredentialsType", "SERVICE_ACCOUNT").put("keepSubject", "team@example.test")
                    .put("keepRefreshTokenStored", false).put("notionDatabaseId", "0123456789abcdef0123456789abcdef")
                    .put("notionTokenStored", true).put("scheduleMinutes", 60).put("enabled", true));
        } else if (path.equals("/api/v1/sync/connections/" + CONNECTION + "/jobs") && "POST".equals(request.method().name())) {
            TRIGGERED.add(new JsonObject(body).getString("mode"));
            reply(request, 202, new JsonObject().put("id", "job-2").put("state", "PENDING"));
        } else if (path.equals("/api/v1/sync/connections/" + CONNECTION + "/jobs")) {
            // An hour ago, so the dashboard's charts (last 24 hours, last 14 days) count it whenever the test runs.
            java.time.Instant hourAgo = java.time.Instant.now().minusSeconds(3600);
            JsonArray jobs = new JsonArray();
            if (JOB_RUNNING.get()) {
                jobs.add(new JsonObject().put("id", "job-0").put("mode", "FULL").put("trigger", "MANUAL").put("state", "EXTRACTING")
                        .put("notesTotal", 12).put("notesDone", 5).put("createdAt", java.time.Instant.now().toString()));
            }
            reply(request, 200, jobs.add(new JsonObject().put("id", "job-1").put("mode", "INCREMENTAL")
                    .put("trigger", "MANUAL").put("state", "SUCCEEDED").put("notesTotal", 12).put("notesDone", 12)
                    .put("created", 3).put("updated", 2).put("archived", 1).put("unchanged", 6).put("failed", 1)
                    .put("warnings", 1).put("createdAt", hourAgo.toString()).put("finishedAt", hourAgo.plusSeconds(60).toString())));
        } else if (path.equals("/api/v1/sync/jobs/job-1/notes")) {
            reply(request, 200, new JsonArray()
                    .add(new JsonObject().put("noteId", "n1").put("title", "Groceries").put("outcome", "CREATED").put("pageId", "p1")
                            .put("warnings", new JsonArray().add("attachment too large for Notion")))
                    .add(new JsonObject().put("noteId", "n2").put("title", "Ideas").put("outcome", "FAILED")
                            .put("reason", "Notion rejected the page").put("warnings", new JsonArray())));
        } else if (path.equals("/api/v1/sync/jobs/job-1/retry") && "POST".equals(request.method().name())) {
            TRIGGERED.add("RETRY job-1");
            reply(request, 202, new JsonObject().put("id", "job-3"));
        } else {
            reply(request, 404, new JsonObject().put("detail", "No connection with this id"));
        }
    }

    private static void reply(HttpServerRequest request, int status, Object json) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json.toString());
    }
}
