package app.knowledgenetwork.apigateway.health;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The answer of {@code /api/v1/health}: an overall status and "up", "down" or "unknown" per service and
 * per shared dependency (database, redis, search, storage).
 */
public record HealthReport(Status status, Map<String, String> services) {

    public enum Status {
        HEALTHY, DEGRADED, UNHEALTHY;

        public String json() {
            return name().toLowerCase();
        }
    }

    /** Healthy and degraded answer 200 (the platform serves); unhealthy 503. */
    public int httpStatus() {
        return status == Status.UNHEALTHY ? 503 : 200;
    }

    public JsonObject toJson() {
        JsonObject services = new JsonObject();
        this.services.forEach(services::put);
        return new JsonObject().put("status", status.json()).put("services", services);
    }
}
