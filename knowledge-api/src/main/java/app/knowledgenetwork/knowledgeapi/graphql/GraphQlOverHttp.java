package app.knowledgenetwork.knowledgeapi.graphql;

import app.knowledgenetwork.knowledgeapi.errors.ApiErrorCode;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * What the GraphQL-over-HTTP specification recommends and the engine does not do by itself:
 * <ul>
 * <li>the response's media type is {@code application/graphql-response+json} only for a client that asks for it before
 * {@code application/json}; {@code application/json} for one that accepts anything or sends no Accept (legacy
 * clients understand only that);</li>
 * <li>under {@code application/graphql-response+json}, a request that did not run at all (not parseable, not valid,
 * variables that do not fit) is HTTP 400, so caches and proxies see a client error;</li>
 * <li>a POST without a Content-Type is HTTP 415;</li>
 * <li>a request refused because the instance is busy ({@link InFlightLimit}) is HTTP 503 with Retry-After.</li>
 * </ul>
 * The execution service marks the request errors ({@link #markRequestError}); the status and type are set just before
 * the headers go out.
 */
@ApplicationScoped
public class GraphQlOverHttp {
    static final String RESPONSE_JSON = "application/graphql-response+json";
    static final String JSON = "application/json";
    private static final String REQUEST_ERROR = "kn.graphql.request-error";
    private static final String BUSY = "kn.graphql.busy";

    void install(@Observes Router router) {
        router.route("/graphql").order(-2).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.POST && ctx.request().getHeader("Content-Type") == null) {
            JsonObject error = new JsonObject().put("message", "The request has no Content-Type: send the GraphQL request as application/json")
                    .put("extensions", new JsonObject().put("code", ApiErrorCode.GRAPHQL_PARSE_FAILED.name()).put("classification", "InvalidSyntax"));
            ctx.response().setStatusCode(415).putHeader("Content-Type", JSON + "; charset=utf-8")
                    .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
            return;
        }
        if (ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.POST) {
            String type = mediaType(ctx.request().getHeader("Accept"));
            ctx.addHeadersEndHandler(v -> {
                // Only GraphQL answers: the 400s and 413s of the guards before it keep what they set.
                if (ctx.response().getStatusCode() != 200 || isUpgrade(ctx)) {
                    return;
                }
                ctx.response().putHeader("Content-Type", type + "; charset=utf-8");
                if (Boolean.TRUE.equals(ctx.get(BUSY))) {
                    ctx.response().setStatusCode(503).putHeader("Retry-After", "1");
                } else if (type.equals(RESPONSE_JSON) && Boolean.TRUE.equals(ctx.get(REQUEST_ERROR))) {
                    ctx.response().setStatusCode(400);
                }
            });
        }
        ctx.next();
    }

    private static boolean isUpgrade(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** The media type to answer with: graphql-response+json only when preferred to (or instead of) application/json. */
    static String mediaType(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        double responseJson = -1, json = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (name.equals(RESPONSE_JSON)) {
                responseJson = Math.max(responseJson, q);
            } else if (name.equals(JSON)) {
                json = Math.max(json, q);
            }
        }
        return responseJson > 0 && responseJson >= json ? RESPONSE_JSON : JSON;
    }

    /** Marks a request refused by {@link InFlightLimit}: HTTP 503 with Retry-After, whatever the media type. */
    public static void markBusy(RoutingContext ctx) {
        ctx.put(BUSY, true);
    }

    /**
     * Marks a request whose result says it never ran: every error is a parse or validation error (graphql-java
     * validates, variables included, before anything executes, so such errors never come with data).
     */
    public static void markRequestError(RoutingContext ctx, ExecutionResult result) {
        if (ctx == null || result.getErrors() == null || result.getErrors().isEmpty()) {
            return;
        }
        for (GraphQLError error : result.getErrors()) {
            Object code = error.getExtensions() == null ? null : error.getExtensions().get("code");
            if (!ApiErrorCode.GRAPHQL_PARSE_FAILED.name().equals(code) && !ApiErrorCode.GRAPHQL_VALIDATION_FAILED.name().equals(code)) {
                return;
            }
        }
        ctx.put(REQUEST_ERROR, true);
    }
}
