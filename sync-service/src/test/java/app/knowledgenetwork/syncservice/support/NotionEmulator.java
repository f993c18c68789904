package app.knowledgenetwork.syncservice.support;

import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The admin API of the Notion and Keep emulators, for seeding and inspecting them. */
public final class NotionEmulator {

    /** Requests per second the test tokens may make (the emulator's limit and notion-writer's pace). */
    public static final int TEST_RATE = 40;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private NotionEmulator() {
    }

    /** A fresh integration token, registered at {@link #TEST_RATE}. */
    public static String token() {
        String token = "secret_" + UUID.randomUUID().toString().replace("-", "");
        post("/_emulator/notion/tokens", Map.of("token", token, "rate", TEST_RATE, "burst", 10));
        return token;
    }

    public static String database(String token, Map<String, String> properties) {
        return post("/_emulator/notion/databases", Map.of("token", token, "title", "Keep", "properties", properties)).path("id").asText();
    }

    public static List<JsonNode> pages(String databaseId) {
        List<JsonNode> pages = new ArrayList<>();
        get("/_emulator/notion/databases/" + databaseId + "/pages").forEach(pages::add);
        return pages;
    }

    public static long requests(String token) {
        return get("/_emulator/notion/tokens/" + token + "/stats").path("requests").asLong();
    }

    public static void keepRefreshToken(String refreshToken, String user) {
        post("/_emulator/keep/refresh-tokens", Map.of("refreshToken", refreshToken, "clientId", Connectors.OAUTH_CLIENT_ID,
                "clientSecret", Connectors.OAUTH_CLIENT_SECRET, "user", user));
    }

    public static void keepNotes(String user, List<Map<String, Object>> notes) {
        post("/_emulator/keep/users/" + user + "/notes", notes);
    }

    public static JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(EmulatorsTestResource.baseUrl() + path)).GET().build());
    }

    public static JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(EmulatorsTestResource.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
