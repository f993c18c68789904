package app.knowledgenetwork.apigateway.console;

import app.knowledgenetwork.apigateway.GatewayConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's calls to knowledge-api's GraphQL API: sign-in (password, then TOTP), token refresh, logout,
 * and the admin user operations. Blocking; called from the console's worker threads.
 */
@ApplicationScoped
public class KnowledgeApiIdentity {

    /** A refusal knowledge-api gave (its extensions.code and message), or its absence. */
    public static class Refused extends RuntimeException {
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public record Session(String accessToken, int expiresIn, String refreshToken, String userId, String email,
                          String platformRole) {
    }

    /** Either a session (an account without MFA) or an MFA challenge. */
    public record Login(Session session, String mfaChallenge) {
    }

    public record UserAccount(String id, String email, String displayName, String platformRole, boolean mfaEnabled,
                              boolean mfaLocked, boolean disabled) {
    }

    public record UserPage(List<UserAccount> users, String endCursor, boolean hasNextPage) {
    }

    private static final String SESSION_FIELDS = "accessToken accessTokenExpiresIn refreshToken user { id email platformRole }";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI graphql;

    public KnowledgeApiIdentity(GatewayConfig config) {
        this.graphql = config.services().get("knowledge_api").url().resolve("/graphql");
    }

    public Login login(String email, String password, String forwardedFor) {
        JsonObject data = call("ConsoleLogin",
                "mutation ConsoleLogin($email: String!, $password: String!) { login(email: $email, password: $password) { mfaChallenge session { "
                        + SESSION_FIELDS + " } } }",
                new JsonObject().put("email", email).put("password", password), null, forwardedFor);
        JsonObject login = data.getJsonObject("login");
        JsonObject session = login.getJsonObject("session");
        return new Login(session == null ? null : session(session), login.getString("mfaChallenge"));
    }

    public Session verifyMfa(String challenge, String code, String forwardedFor) {
        JsonObject data = call("ConsoleVerifyMfa",
                "mutation ConsoleVerifyMfa($challenge: String!, $code: String!) { verifyMfa(challenge: $challenge, code: $code) { "
                        + SESSION_FIELDS + " } }",
                new JsonObject().put("challenge", challenge).put("code", code), null, forwardedFor);
        return session(data.getJsonObject("verifyMfa"));
    }

    public Session refresh(String refreshToken, String forwardedFor) {
        JsonObject data = call("ConsoleRefresh",
                "mutation ConsoleRefresh($refreshToken: String!) { refresh(refreshToken: $refreshToken) { " + SESSION_FIELDS + " } }",
                new JsonObject().put("refreshToken", refreshToken), null, forwardedFor);
        return session(data.getJsonObject("refresh"));
    }

    public void logout(String refreshToken, String forwardedFor) {
        call("ConsoleLogout", "mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }",
                new JsonObject().put("refreshToken", refreshToken), null, forwardedFor);
    }

    public UserPage users(String accessToken, String after, String forwardedFor) {
        JsonObject data = call("ConsoleUsers",
                "query ConsoleUsers($after: String) { users(first: 50, after: $after) { edges { node { id email displayName platformRole mfaEnabled mfaLocked disabled } } pageInfo { endCursor hasNextPage } } }",
                new JsonObject().put("after", after), accessToken, forwardedFor);
        JsonObject users = data.getJsonObject("users");
        List<UserAccount> list = new ArrayList<>();
        JsonArray edges = users.getJsonArray("edges");
        for (int i = 0; i < edges.size(); i++) {
            JsonObject n = edges.getJsonObject(i).getJsonObject("node");
            list.add(new UserAccount(n.getString("id"), n.getString("email"), n.getString("displayName"),
                    n.getString("platformRole"), n.getBoolean("mfaEnabled", false), n.getBoolean("mfaLocked", false),
                    n.getBoolean("disabled", false)));
        }
        JsonObject pageInfo = users.getJsonObject("pageInfo", new JsonObject());
        return new UserPage(list, pageInfo.getString("endCursor"), pageInfo.getBoolean("hasNextPage", false));
    }

    /** What an admin may do to an account from the console, and the knowledge-api mutation doing it. */
    public enum UserAction {
        DISABLE("disableUser(userId: $userId)"),
        ENABLE("enableUser(userId: $userId)"),
        UNLOCK_MFA("unlockMfa(userId: $userId)"),
        MAKE_ADMIN("setPlatformRole(userId: $userId, role: ADMIN)"),
        MAKE_USER("setPlatformRole(userId: $userId, role: USER)");

        final String field;

        UserAction(String field) {
            this.field = field;
        }

        /** From the path segment: disable, enable, unlock-mfa, make-admin, make-user. */
        public static java.util.Optional<UserAction> of(String segment) {
            for (UserAction action : values()) {
                if (action.name().replace('_', '-').equalsIgnoreCase(segment)) {
                    return java.util.Optional.of(action);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public void userAction(String accessToken, String userId, UserAction action, String forwardedFor) {
        call("ConsoleUserAction", "mutation ConsoleUserAction($userId: ID!) { " + action.field + " { id } }",
                new JsonObject().put("userId", userId), accessToken, forwardedFor);
    }

    private static Session session(JsonObject s) {
        JsonObject user = s.getJsonObject("user");
        return new Session(s.getString("accessToken"), s.getInteger("accessTokenExpiresIn", 900), s.getString("refreshToken"),
                user.getString("id"), user.getString("email"), user.getString("platformRole"));
    }

    private JsonObject call(String operation, String query, JsonObject variables, String accessToken, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(graphql)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("operationName", operation)
                        .put("query", query).put("variables", variables).encode()));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        if (forwardedFor != null) {
            // knowledge-api's login throttle counts the admin's address, not the gateway's.
            request.header("X-Forwarded-For", forwardedFor);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Refused("SERVICE_UNAVAILABLE", "knowledge-api could not be reached; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("SERVICE_UNAVAILABLE", "interrupted");
        }
        JsonObject body;
        try {
            body = new JsonObject(response.body());
        } catch (RuntimeException notJson) {
            throw new Refused("SERVICE_UNAVAILABLE", "knowledge-api answered " + response.statusCode());
        }
        JsonArray errors = body.getJsonArray("errors");
        if (errors != null && !errors.isEmpty()) {
            JsonObject error = errors.getJsonObject(0);
            JsonObject extensions = error.getJsonObject("extensions", new JsonObject());
            throw new Refused(extensions.getString("code", "ERROR"), error.getString("message", "refused"));
        }
        JsonObject data = body.getJsonObject("data");
        if (data == null) {
            throw new Refused("SERVICE_UNAVAILABLE", "knowledge-api answered " + response.statusCode() + " without data");
        }
        return data;
    }
}
