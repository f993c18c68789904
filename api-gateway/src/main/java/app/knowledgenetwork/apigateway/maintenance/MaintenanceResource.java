package app.knowledgenetwork.apigateway.maintenance;

import app.knowledgenetwork.apigateway.admin.AdminCaller;
import app.knowledgenetwork.apigateway.problem.Problem;
import app.knowledgenetwork.apigateway.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The maintenance switch for admins: a bearer access token from knowledge-api of a platform ADMIN who signed
 * in with MFA. The admin console uses the same switch.
 */
@Path("/api/v1/admin/maintenance")
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

    /** @param message shown to users; retryAfterSeconds sent as Retry-After (default kn.gateway.maintenance.retry-after-seconds) */
    public record Switch(String message, Integer retryAfterSeconds) {
    }

    private final MaintenanceMode mode;
    private final AdminCaller admin;

    public MaintenanceResource(MaintenanceMode mode, AdminCaller admin) {
        this.mode = mode;
        this.admin = admin;
    }

    /** Whether maintenance is on, and its message. */
    @GET
    public Map<String, Object> state() {
        admin.require();
        return mode.current().map(s -> s.toJson().getMap()).orElse(Map.of("enabled", false));
    }

    /** Switches maintenance on for every replica: everyone else gets 503 with Retry-After until it is switched off. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> enable(Switch request) {
        String by = admin.require();
        Integer retryAfter = request == null ? null : request.retryAfterSeconds();
        if (retryAfter != null && (retryAfter < 1 || retryAfter > 86_400)) {
            throw new ProblemException(new Problem(400, "invalid-maintenance-switch", "Invalid maintenance switch",
                    "retryAfterSeconds must be between 1 and 86400, was " + retryAfter));
        }
        return mode.enable(request == null ? null : request.message(), retryAfter, by).toJson().getMap();
    }

    /** Switches maintenance off for every replica. */
    @DELETE
    public Response disable() {
        mode.disable(admin.require());
        return Response.noContent().build();
    }
}
