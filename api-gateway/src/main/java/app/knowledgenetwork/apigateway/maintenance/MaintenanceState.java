package app.knowledgenetwork.apigateway.maintenance;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The platform is in maintenance: what users are told, when to come back, since when and who switched it on.
 */
public record MaintenanceState(String message, int retryAfterSeconds, Instant since, String by) {

    public JsonObject toJson() {
        return new JsonObject().put("enabled", true).put("message", message)
                .put("retry_after_seconds", retryAfterSeconds).put("since", since.toString()).put("by", by);
    }

    static MaintenanceState fromJson(String json) {
        JsonObject o = new JsonObject(json);
        return new MaintenanceState(o.getString("message"), o.getInteger("retry_after_seconds"),
                Instant.parse(o.getString("since")), o.getString("by"));
    }
}
