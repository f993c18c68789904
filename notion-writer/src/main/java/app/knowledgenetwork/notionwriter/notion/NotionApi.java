package app.knowledgenetwork.notionwriter.notion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import notion.api.v1.NotionClient;
import notion.api.v1.exception.NotionAPIError;
import notion.api.v1.http.JavaNetHttpClient;
import notion.api.v1.http.NotionHttpResponse;
import notion.api.v1.logging.JavaUtilLogger;
import notion.api.v1.model.blocks.Block;
import notion.api.v1.model.blocks.Blocks;

/**
 * The Notion calls notion-writer makes, all through the Notion SDK JVM's client and its
 * java.net.http transport wrapped by the {@link NotionCallGovernor}. Typed SDK methods are used where
 * the SDK's model covers the request; page and block bodies are sent as JSON through the same client,
 * because the SDK's block model (1.11.1) cannot express blocks that refer to a File Upload.
 */
public final class NotionApi implements AutoCloseable {

    private final NotionClient client;
    private final ObjectMapper json;
    private final NotionCallGovernor governor;
    private final String baseUrl;

    public NotionApi(String apiUrl, String token, NotionCallGovernor governor, ObjectMapper json, int timeoutMillis) {
        this.baseUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.client = new NotionClient(token);
        this.client.setBaseUrl(baseUrl);
        this.client.setLogger(new JavaUtilLogger());
        this.client.setHttpClient(new GovernedHttpClient(new JavaNetHttpClient(timeoutMillis, timeoutMillis), governor));
        this.json = json;
        this.governor = governor;
    }

    public NotionCallGovernor governor() {
        return governor;
    }

    Map<String, String> headers() {
        return client.buildRequestHeaders(client.contentTypeJson());
    }

    public JsonNode retrieveDatabase(String databaseId) {
        return send("GET", "/databases/" + databaseId, null);
    }

    public JsonNode updateDatabase(String databaseId, JsonNode body) {
        return send("PATCH", "/databases/" + databaseId, body);
    }

    public JsonNode queryDatabase(String databaseId, JsonNode body) {
        return send("POST", "/databases/" + databaseId + "/query", body);
    }

    public JsonNode createPage(JsonNode body) {
        return send("POST", "/pages", body);
    }

    public JsonNode updatePage(String pageId, JsonNode body) {
        return send("PATCH", "/pages/" + pageId, body);
    }

    public JsonNode appendChildren(String blockId, JsonNode body) {
        return send("PATCH", "/blocks/" + blockId + "/children", body);
    }

    public JsonNode createFileUpload(JsonNode body) {
        return send("POST", "/file_uploads", body);
    }

    /** Ids of a page's or block's top-level children, every page of them. */
    public List<String> childIds(String blockId) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Blocks page = typed(blockId, cursor);
            for (Block block : page.getResults()) {
                ids.add(block.getId());
            }
            cursor = Boolean.TRUE.equals(page.getHasMore()) ? page.getNextCursor() : null;
        } while (cursor != null);
        return ids;
    }

    public void deleteBlock(String blockId) {
        try {
            client.deleteBlock(blockId);
        } catch (NotionAPIError e) {
            throw failure(e.getHttpResponse());
        }
    }

    private Blocks typed(String blockId, String cursor) {
        try {
            return client.retrieveBlockChildren(blockId, cursor, 100);
        } catch (NotionAPIError e) {
            throw failure(e.getHttpResponse());
        }
    }

    private JsonNode send(String method, String path, JsonNode body) {
        String url = baseUrl + path;
        String text = body == null ? null : write(body);
        var http = client.getHttpClient();
        NotionHttpResponse response = switch (method) {
            case "GET" -> http.get(client.getLogger(), url, Map.of(), headers());
            case "POST" -> http.postTextBody(client.getLogger(), url, Map.of(), text, headers());
            case "PATCH" -> http.patchTextBody(client.getLogger(), url, Map.of(), text, headers());
            default -> throw new IllegalArgumentException(method);
        };
        if (response.getStatus() / 100 != 2) {
            throw failure(response);
        }
        return read(response.getBody());
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
