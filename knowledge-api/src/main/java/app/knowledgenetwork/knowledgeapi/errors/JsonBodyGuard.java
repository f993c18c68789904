package app.knowledgenetwork.knowledgeapi.errors;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A POST to /graphql whose JSON body is not a JSON object is answered here, with HTTP 400 and a GraphQL error coded
 * GRAPHQL_PARSE_FAILED. Quarkus's GraphQL handler would answer it itself, before SmallRye runs, with an error
 * that has no code. Every other request goes on unchanged (the body, read once here within the same size limit,
 * is not read again).
 */
@ApplicationScoped
public class JsonBodyGuard {
    private final long bodyLimit;

    public JsonBodyGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize bodyLimit) {
        this.bodyLimit = bodyLimit.asLongValue();
    }

    void install(@Observes Router router) {
        router.post("/graphql").order(-1).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            ctx.next();
            return;
        }
        String problem = problemOf(ctx.body().buffer());
        if (problem == null) {
            ctx.next();
            return;
        }
        JsonObject error = new JsonObject().put("message", problem)
                .put("extensions", new JsonObject().put("code", ApiErrorCode.GRAPHQL_PARSE_FAILED.name()).put("classification", "InvalidSyntax"));
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=UTF-8")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }

    static String problemOf(Buffer body) {
        if (body == null || body.length() == 0) {
            return "The request body is empty: send a JSON object with a 'query'";
        }
        try {
            return Json.decodeValue(body) instanceof JsonObject ? null : "The request body must be a JSON object with a 'query'";
        } catch (DecodeException e) {
            return "The request body is not JSON: send a JSON object with a 'query'";
        }
    }
}
