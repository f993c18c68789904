package app.knowledgenetwork.notionwriter.notion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import notion.api.v1.NotionClient;
import notion.api.v1.http.JavaNetHttpClient;
import notion.api.v1.http.NotionHttpResponse;
import notion.api.v1.logging.JavaUtilLogger;

/**
 * The Notion calls notion-writer makes, all through the Notion SDK JVM's client and its
 * java.net.http transport wrapped by the {@link NotionCallGovernor}. Bodies are sent as JSON through
 * the SDK's HTTP client, because the SDK's block model (1.11.1) cannot express blocks that refer to a
 * File Upload, and because reads must see blocks as Notion returns them, to compare them with the note.
 *
 * <p>Creates and appends are never sent twice blindly: when no answer tells whether one took effect,
 * {@link NotionOutcomeUnknown} is thrown for the caller to look first. A request that got no answer
 * after every retry fails with a {@link NotionFailure}, like any refusal.
 */
public final class NotionApi implements AutoCloseable {

    private final NotionClient client;
    private final GovernedHttpClient http;
    private final ObjectMapper json;
    private final NotionCallGovernor governor;
    private final String baseUrl;
    private final int timeoutMillis;

    public NotionApi(String apiUrl, String token, NotionCallGovernor governor, ObjectMapper json, int timeoutMillis) {
        this.baseUrl = NotionApiUrl.normalise(apiUrl);
        this.client = new NotionClient(token);
        this.client.setBaseUrl(baseUrl);
        this.client.setLogger(new JavaUtilLogger());
        this.http = new GovernedHttpClient(new JavaNetHttpClient(timeoutMillis, timeoutMillis), governor);
        this.client.setHttpClient(http);
        this.json = json;
        this.governor = governor;
        this.timeoutMillis = timeoutMillis;
    }

    public NotionCallGovernor governor() {
        return governor;
    }

    Map<String, String> headers() {
        return client.buildRequestHeaders(client.contentTypeJson());
    }

    public JsonNode retrieveDatabase(String databaseId) {
        return send("GET", "/databases/" + databaseId, Map.of(), null);
    }

    public JsonNode updateDatabase(String databaseId, JsonNode body) {
        return send("PATCH", "/databases/" + databaseId, Map.of(), body);
    }

    public JsonNode queryDatabase(String databaseId, JsonNode body) {
        return send("POST", "/databases/" + databaseId + "/query", Map.of(), body);
    }

    /** Creates a page; {@link NotionOutcomeUnknown} when it may or may not exist now. */
    public JsonNode createPage(JsonNode body) {
        return sendUnrepeatable("POST", "/pages", body);
    }

    public JsonNode updatePage(String pageId, JsonNode body) {
        return send("PATCH", "/pages/" + pageId, Map.of(), body);
    }

    /** Appends children; {@link NotionOutcomeUnknown} when they may or may not have been appended. */
    public JsonNode appendChildren(String blockId, JsonNode body) {
        return sendUnrepeatable("PATCH", "/blocks/" + blockId + "/children", body);
    }

    public JsonNode createFileUpload(JsonNode body) {
        return send("POST", "/file_uploads", Map.of(), body);
    }

    /** Completes a multi_part upload once all its parts are sent: its {@code status} becomes {@code uploaded}. */
    public JsonNode completeFileUpload(String fileUploadId) {
        return send("POST", "/file_uploads/" + fileUploadId + "/complete", Map.of(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    /** A file upload as Notion holds it now: its {@code status} is {@code pending} until the file is sent. */
    public JsonNode retrieveFileUpload(String fileUploadId) {
        return send("GET", "/file_uploads/" + fileUploadId, Map.of(), null);
    }

    /** A page's or block's top-level children as Notion returns them, every page of them. */
    public List<JsonNode> children(String blockId) {
        List<JsonNode> children = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, List<String>> query = cursor == null ? Map.of("page_size", List.of("100"))
                    : Map.of("page_size", List.of("100"), "start_cursor", List.of(cursor));
            JsonNode page = send("GET", "/blocks/" + blockId + "/children", query, null);
            page.path("results").forEach(children::add);
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText(null) : null;
        } while (cursor != null);
        return children;
    }

    /** Moves a block to the trash; deleting it again changes nothing, so it is safe to repeat. */
    public void deleteBlock(String blockId) {
        send("DELETE", "/blocks/" + blockId, Map.of(), null);
    }

    private JsonNode send(String method, String path, Map<String, List<String>> query, JsonNode body) {
        String url = baseUrl + path;
        String text = body == null ? null : write(body);
        NotionHttpResponse response;
        try {
            response = switch (method) {
                case "GET" -> http.get(client.getLogger(), url, query, headers());
                case "POST" -> http.postTextBody(client.getLogger(), url, query, text, headers());
                case "PATCH" -> http.patchTextBody(client.getLogger(), url, query, text, headers());
                case "DELETE" -> http.delete(client.getLogger(), url, query, headers());
                default -> throw new IllegalArgumentException(method);
            };
        } catch (UncheckedIOException e) {
            throw noAnswer(e, false);
        }
        if (response.getStatus() / 100 != 2) {
            throw failure(response);
        }
        return read(response.getBody());
    }

    private JsonNode sendUnrepeatable(String method, String path, JsonNode body) {
        String url = baseUrl + path;
        NotionHttpResponse response;
        try {
            response = method.equals("POST") ? http.postUnrepeatable(client.getLogger(), url, write(body), headers())
                    : http.patchUnrepeatable(client.getLogger(), url, write(body), headers());
        } catch (UncheckedIOException e) {
            throw noAnswer(e, true);
        }
        if (NotionCallGovernor.isOutcomeUnknown(response.getStatus())) {
            NotionFailure failure = failure(response);
            throw new NotionOutcomeUnknown(failure.status(), failure.code(), failure.getMessage()
                    + " (the request may or may not have been carried out)");
        }
        if (response.getStatus() / 100 != 2) {
            throw failure(response);
        }
        return read(response.getBody());
    }

    /** A request that got no answer, after every retry its kind allows. */
    NotionFailure noAnswer(UncheckedIOException e, boolean unrepeatable) {
        Throwable cause = e.getCause();
        boolean unsent = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
        if (unsent) {
            return new NotionFailure(503, "connection_failed", "could not connect to Notion: " + cause);
        }
        String message = cause instanceof HttpTimeoutException
                ? "Notion gave no answer within the request timeout of " + timeoutMillis + " ms"
                : "the connection to Notion failed before an answer came: " + cause;
        return unrepeatable ? new NotionOutcomeUnknown(504, "no_answer", message + " (the request may or may not have been carried out)")
                : new NotionFailure(504, "no_answer", message);
    }

    NotionFailure failure(NotionHttpResponse response) {
        String code = "http_" + response.getStatus();
        String message = response.getBody();
        try {
            JsonNode error = json.readTree(response.getBody());
            code = error.path("code").asText(code);
            message = error.path("message").asText(message);
        } catch (JsonProcessingException | IllegalArgumentException notJson) {
            // keep the raw body as the message
        }
        return new NotionFailure(response.getStatus(), code, message);
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new NotionFailure(502, "invalid_response", "Notion answered with something that is not JSON");
        }
    }

    String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
