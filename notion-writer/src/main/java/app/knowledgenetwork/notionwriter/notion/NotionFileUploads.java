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
import notion.api.v1.http.NotionHttpResponse;
import org.jboss.logging.Logger;

/**
 * Notion's File Upload API, which the SDK lacks: create a single-part upload, then send the bytes as
 * multipart/form-data to its upload_url. Both requests go through the same governor as every other
 * Notion call. The returned id goes into a block as {@code {"type":"file_upload","file_upload":{"id"}}}.
 */
public final class NotionFileUploads {

    private static final Logger LOG = Logger.getLogger(NotionFileUploads.class);

    /** Notion's limit for a single-part upload. */
    public static final long MAX_SINGLE_PART_BYTES = 20L * 1024 * 1024;

    /** The part size of a multi_part upload: inside Notion's 5-20 MB. */
    static final int PART_BYTES = 10 * 1024 * 1024;

    private final NotionApi api;
    private final HttpClient http;
    private final Duration timeout;

    public NotionFileUploads(NotionApi api, Duration timeout) {
        this.api = api;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Uploads the bytes and returns the file upload id. A send whose answer was lost (no answer within
     * the timeout, a connection dropped after sending, 500/502/503/504) is not repeated blindly: Notion
     * refuses a second send once the upload is no longer pending, so the upload's status is read first
     * and the file sent again only while it is still pending, at most {@code MAX_RETRIES} times.
     */
    public String upload(String fileName, String contentType, byte[] bytes) {
        if (bytes.length > MAX_SINGLE_PART_BYTES) {
            return uploadInParts(fileName, contentType, bytes);
        }
        JsonNode created = api.createFileUpload(JsonNodeFactory.instance.objectNode()
                .put("mode", "single_part").put("filename", fileName).put("content_type", contentType));
        String id = created.path("id").asText();
        URI uploadUrl = URI.create(created.path("upload_url").asText());
        for (int retry = 1; ; retry++) {
            try {
                send(uploadUrl, fileName, contentType, bytes);
                return id;
            } catch (NotionOutcomeUnknown e) {
                if (retry > api.governor().maxRetries()) {
                    throw e;
                }
                api.governor().backOff(retry);
                String status = api.retrieveFileUpload(id).path("status").asText();
                if (status.equals("uploaded")) {
                    LOG.infof("sending %s to file upload %s got no answer (%s) but Notion has the file", fileName, id, e.describe());
                    return id;
                }
                if (!status.equals("pending")) {
                    throw new NotionFailure(409, "unexpected_status", "file upload " + id + " of " + fileName + " is " + status
                            + " after a send without answer; pending or uploaded was expected");
                }
            }
        }
    }

    /**
     * A file over 20 MB (Keep attachments reach 50 MiB): Notion's multi_part mode, parts of {@link #PART_BYTES}
     * (Notion: 5-20 MB each, the last smaller), then {@code complete}. A part whose answer was lost is simply
     * sent again: a part number sent twice keeps the last one, so nothing is duplicated.
     */
    private String uploadInParts(String fileName, String contentType, byte[] bytes) {
        int parts = (int) ((bytes.length + PART_BYTES - 1) / PART_BYTES);
        JsonNode created = api.createFileUpload(JsonNodeFactory.instance.objectNode()
                .put("mode", "multi_part").put("number_of_parts", parts).put("filename", fileName).put("content_type", contentType));
        String id = created.path("id").asText();
        URI uploadUrl = URI.create(created.path("upload_url").asText());
        for (int part = 1; part <= parts; part++) {
            int from = (part - 1) * PART_BYTES;
            byte[] slice = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + PART_BYTES));
            for (int retry = 1; ; retry++) {
                try {
                    send(uploadUrl, fileName, contentType, slice, part);
                    break;
                } catch (NotionOutcomeUnknown e) {
                    if (retry > api.governor().maxRetries()) {
                        throw e;
                    }
                    api.governor().backOff(retry);
                }
            }
        }
        api.completeFileUpload(id);
        return id;
    }

    /** One multipart send; {@link NotionOutcomeUnknown} when it may or may not have reached the upload. */
    private void send(URI uploadUrl, String fileName, String contentType, byte[] bytes) {
        send(uploadUrl, fileName, contentType, bytes, 0);
    }

    private void send(URI uploadUrl, String fileName, String contentType, byte[] bytes, int partNumber) {
        String boundary = "kn-" + UUID.randomUUID();
        byte[] body = multipart(boundary, fileName, contentType, bytes, partNumber);
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
            response = api.governor().callUnrepeatable(() -> http.send(request.build(), HttpResponse.BodyHandlers.ofString()),
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
            throw api.noAnswer(e, true);
        }
        NotionHttpResponse answer = new NotionHttpResponse(response.statusCode(), response.body(), response.headers().map());
        if (NotionCallGovernor.isOutcomeUnknown(response.statusCode())) {
            NotionFailure failure = api.failure(answer);
            throw new NotionOutcomeUnknown(failure.status(), failure.code(), failure.getMessage()
                    + " (the file may or may not have been received)");
        }
        if (response.statusCode() / 100 != 2) {
            throw api.failure(answer);
        }
    }

    private static byte[] multipart(String boundary, String fileName, String contentType, byte[] bytes, int partNumber) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 512)) {
            String safeName = fileName.replace("\"", "'").replace("\r", " ").replace("\n", " ");
            if (partNumber > 0) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"part_number\"\r\n\r\n" + partNumber + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
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
