package app.knowledgenetwork.apigateway.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem detail, the body of every refusal the gateway itself makes. The {@code type}
 * is a stable URN a client can switch on; {@code detail} says what happened and what to do.
 */
public record Problem(int status, String type, String title, String detail) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public JsonObject toJson(String instance, String requestId) {
        JsonObject json = new JsonObject()
                .put("type", "urn:kn:problem:" + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
        if (requestId != null) {
            json.put("request_id", requestId);
        }
        return json;
    }

    public Buffer body(String instance, String requestId) {
        return toJson(instance, requestId).toBuffer();
    }

    /** Ends the exchange with this problem (unless a response already went out). */
    public void send(RoutingContext rc) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        rc.response().setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body(rc.request().path(), rc.request().getHeader("X-Request-Id")));
    }
}
