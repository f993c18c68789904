package app.knowledgenetwork.apigateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * knowledge-api's identity operations as the console uses them, scripted: admin@example.test and
 * user@example.test (password "right") both have MFA, code "123456"; nomfa@example.test has none.
 */
public final class KnowledgeApiStandIn {

    public static final String PASSWORD = "right";
    public static final String CODE = "123456";
    /** The user operations the console asked for, as "mutation userId". */
    public static final java.util.List<String> USER_ACTIONS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private KnowledgeApiStandIn() {
    }

    static JsonObject answer(JsonObject request, String authorization) {
        JsonObject v = request.getJsonObject("variables", new JsonObject());
        return switch (request.getString("operationName")) {
            case "ConsoleLogin" -> {
                String email = v.getString("email");
                if (!PASSWORD.equals(v.getString("password"))) {
                    yield error("UNAUTHENTICATED", "Wrong email or password");
                }
                yield switch (email) {
                    case "admin@example.test" -> data("login", new JsonObject().put("mfaChallenge", "ch-admin").putNull("session"));
                    case "user@example.test" -> data("login", new JsonObject().put("mfaChallenge", "ch-user").putNull("session"));
                    case "nomfa@example.test" -> data("login", new JsonObject().putNull("mfaChallenge")
                            .put("session", session("u-3", email, "ADMIN", TestTokens.token("u-3", "ADMIN", List.of("pwd")))));
                    default -> error("UNAUTHENTICATED", "Wrong email or password");
                };
            }
            case "ConsoleVerifyMfa" -> {
                if (!CODE.equals(v.getString("code"))) {
                    yield error("UNAUTHENTICATED", "Wrong code");
                }
                yield switch (v.getString("challenge")) {
                    case "ch-admin" -> data("verifyMfa", session("admin-1", "admin@example.test", "ADMIN", TestTokens.admin()));
                    case "ch-user" -> data("verifyMfa", session("u-2", "user@example.test", "USER",
                            TestTokens.token("u-2", "USER", List.of("pwd", "mfa"))));
                    default -> error("UNAUTHENTICATED", "Unknown or expired MFA challenge");
                };
            }
            case "ConsoleLogout" -> data("logout", true);
            case "ConsoleUserAction" -> {
                USER_ACTIONS.add(request.getString("query").replaceAll(".*\\{ (\\w+)\\(.*", "$1") + " " + v.getString("userId"));
                yield "admin-1".equals(v.getString("userId"))
                        ? error("CONFLICT", "The last enabled ADMIN cannot be disabled")
                        : data("disableUser", new JsonObject().put("id", v.getString("userId")));
            }
            case "ConsoleUsers" -> authorization == null || !authorization.startsWith("Bearer ")
                    ? error("UNAUTHENTICATED", "Sign in first")
                    : data("users", new JsonObject()
                    .put("edges", new JsonArray()
                            .add(new JsonObject().put("node", account("admin-1", "admin@example.test", "ADMIN", true)))
                            .add(new JsonObject().put("node", account("u-2", "user@example.test", "USER", false))))
                    .put("pageInfo", new JsonObject().putNull("endCursor").put("hasNextPage", false)));
            default -> error("GRAPHQL_VALIDATION_FAILED", "unknown operation");
        };
    }

    private static JsonObject account(String id, String email, String role, boolean mfa) {
        return new JsonObject().put("id", id).put("email", email).put("displayName", email.substring(0, email.indexOf('@')))
                .put("platformRole", role).put("mfaEnabled", mfa).put("mfaLocked", false).put("disabled", false);
    }

    private static JsonObject session(String id, String email, String role, String token) {
        return new JsonObject().put("accessToken", token).put("accessTokenExpiresIn", 900).put("refreshToken", "rt-" + id)
                .put("user", new JsonObject().put("id", id).put("email", email).put("platformRole", role));
    }

    private static JsonObject data(String field, Object value) {
        return new JsonObject().put("data", new JsonObject().put(field, value));
    }

    private static JsonObject error(String code, String message) {
        return new JsonObject().putNull("data").put("errors", new JsonArray().add(new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", code))));
    }
}
