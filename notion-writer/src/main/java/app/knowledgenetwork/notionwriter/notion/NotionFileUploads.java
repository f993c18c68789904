package app.knowledgenetwork.notionwriter.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Notion's File Upload API, which the SDK lacks: create a single-part upload, then send the bytes as
 * multipart/form-data to its upload_url. Both requests go through the same governor as every other
 * Notion call. The returned id goes into a block as {@code {"type":"file_upload","file_upload":{"id"}}}.
 */
public final class NotionFileUploads {

    /** Notion's limit for a single-part upload. */
    public static final long MAX_SINGLE_PART_BYTES = 20L * 1024 * 1024;

    private final NotionApi api;
    private final HttpClient http;
    private final Duration timeout;

    public NotionFileUploads(NotionApi api, Duration timeout) {
        this.api = api;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Uploads the bytes and returns the file upload id. */
    public String upload(String fileName, String contentType, byte[] bytes) {
        if (bytes.length > MAX_SINGLE_PART_BYTES) {
            throw new NotionFailure(400, "validation_error", "attachment " + fileName + " has " + bytes.length
                    + " bytes; Notion takes at most 20 MB in one upload");
        }
        JsonNode created = api.createFileUpload(JsonNodeFactory.instance.objectNode()
                .put("mode", "single_part").put("filename", fileName).put("content_type", contentType));
        String id = created.path("id").asText();
        URI uploadUrl = URI.create(created.path("upload_url").asText());
        String boundary = "kn-" + UUID.randomUUID();
        byte[] body = multipart(boundary, fileName, contentType, bytes);
        HttpRequest.Builder request = HttpRequest.newBuilder(uploadUrl).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        api.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response;
        try {
            response = api.governor().call(() -> http.send(request.build(), HttpResponse.BodyHandlers.ofString()),
                    r -> new NotionCallGovernor.Answer() {
                        @Override
                        public int status() {
                            return r.statusCode();
                        }

                        @Override
                        public Optional<String> header(String name) {
                            return r.headers().firstValue(name);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw new NotionFailure(504, "no_answer", "sending " + fileName + " to Notion got no answer: " + e.getCause());
        }
        if (response.statusCode() / 100 != 2) {
            throw api.failure(new notion.api.v1.http.NotionHttpResponse(response.statusCode(), response.body(), response.headers().map()));
        }
        return id;
    }

    private static byte[] multipart(String boundary, String fileName, String contentType, byte[] bytes) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 512)) {
            String safeName = fileName.replace("\"", "'").replace("\r", " ").replace("\n", " ");
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + safeName
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
