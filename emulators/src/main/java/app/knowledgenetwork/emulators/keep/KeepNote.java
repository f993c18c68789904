package app.knowledgenetwork.emulators.keep;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A note as the emulator stores it. {@code body} is the Keep API's {@code Section} JSON
 * ({@code {"text":{"text":...}}} or {@code {"list":{"listItems":[...]}}}), kept as given.
 */
public record KeepNote(String id, String owner, String title, JsonNode body, Instant createTime, Instant updateTime,
        Optional<Instant> trashTime, List<Attachment> attachments) {

    /** An attachment with its bytes; it can be downloaded as any of its media types. */
    public record Attachment(String id, List<String> mimeTypes, byte[] content) {
    }

    public boolean trashed() {
        return trashTime.isPresent();
    }

    public String name() {
        return "notes/" + id;
    }
}
