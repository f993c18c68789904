package app.knowledgenetwork.notionwriter;

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

/** The Notion emulator's admin API, to set up databases and tokens and to inspect what was written. */
public final class NotionEmulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private NotionEmulator() {
    }

    public static String newToken() {
        return "secret_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Registers a token with Notion's documented rate (3/s) and a burst of {@code burst}. */
    public static void token(String token, double rate, double burst) {
        post("/_emulator/notion/tokens", Map.of("token", token, "rate", rate, "burst", burst));
    }

    /** A database for the token with the given properties (name → Notion type). */
    public static String database(String token, Map<String, String> properties) {
        return post("/_emulator/notion/databases", Map.of("token", token, "title", "Keep", "properties", properties)).path("id").asText();
    }

    public static JsonNode databaseState(String databaseId) {
        return get("/_emulator/notion/databases/" + databaseId);
    }

    public static List<JsonNode> pages(String databaseId) {
        List<JsonNode> pages = new ArrayList<>();
        get("/_emulator/notion/databases/" + databaseId + "/pages").forEach(pages::add);
        return pages;
    }

    public static JsonNode page(String pageId) {
        return get("/_emulator/notion/pages/" + pageId);
    }

    public static JsonNode upload(String id) {
        return get("/_emulator/notion/file-uploads/" + id);
    }

    public static JsonNode stats(String token) {
        return get("/_emulator/notion/tokens/" + token + "/stats");
    }

    public static void fault(int status, int times, long retryAfterSeconds) {
        post("/_emulator/notion/faults", Map.of("status", status, "times", times, "retryAfterSeconds", retryAfterSeconds));
    }

    /**
     * Queues a fault for the next {@code times} requests matching {@code request} ("POST /pages"): with
     * status 0 a slow answer (carried out, answered {@code delayMillis} late), else that error after the delay.
     */
    public static void fault(String request, int status, long delayMillis, int times) {
        post("/_emulator/notion/faults", Map.of("request", request, "status", status, "delayMillis", delayMillis, "times", times));
    }

    /**
     * Queues a fault that takes effect: the next {@code times} requests matching {@code request} are carried
     * out, then answered with {@code status}, as Notion may answer a request that ran past its time limit.
     */
    public static void faultTakingEffect(String request, int status, int times) {
        post("/_emulator/notion/faults", Map.of("request", request, "status", status, "times", times, "takesEffect", true));
    }

    /** Queues a 429 with {@code Retry-After: retryAfterSeconds} for the next {@code times} requests matching {@code request}. */
    public static void rateLimited(String request, long retryAfterSeconds, int times) {
        post("/_emulator/notion/faults", Map.of("request", request, "status", 429, "retryAfterSeconds", retryAfterSeconds, "times", times));
    }

    /** Moves the page to the trash, as a user does in Notion. */
    public static void trash(String pageId) {
        post("/_emulator/notion/pages/" + pageId + "/trash", Map.of());
    }

    /** Deletes the page for good, as emptying Notion's trash does. */
    public static void deleteForever(String pageId) {
        send(HttpRequest.newBuilder(URI.create(EmulatorsTestResource.baseUrl() + "/_emulator/notion/pages/" + pageId)).DELETE().build());
    }

    public static String apiUrl() {
        return EmulatorsTestResource.baseUrl() + "/notion/v1/";
    }

    static JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(EmulatorsTestResource.baseUrl() + path)).GET().build());
    }

    static JsonNode post(String path, Object body) {
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
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
