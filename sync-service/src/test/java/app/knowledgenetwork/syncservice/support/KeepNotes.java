package app.knowledgenetwork.syncservice.support;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Notes in the Keep API's shape, as the Keep emulator's admin API takes them. */
public final class KeepNotes {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private KeepNotes() {
    }

    /** Note i: text, checklist or text with an image, in turn. */
    public static Map<String, Object> note(String id, int i, String text, Instant created, Instant updated) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("id", id);
        note.put("title", "Note " + i);
        note.put("createTime", created.toString());
        note.put("updateTime", updated.toString());
        switch (i % 3) {
            case 1 -> note.put("body", Map.of("list", Map.of("listItems", List.of(
                    Map.of("text", Map.of("text", text + " milk"), "checked", false),
                    Map.of("text", Map.of("text", text + " eggs"), "checked", true)))));
            case 2 -> {
                note.put("body", Map.of("text", Map.of("text", text)));
                if (i % 12 == 2) {
                    note.put("attachments", List.of(Map.of("id", "img" + i, "mimeType", List.of("image/png"),
                            "contentBase64", Base64.getEncoder().encodeToString(PNG))));
                }
            }
            default -> note.put("body", Map.of("text", Map.of("text", text)));
        }
        return note;
    }

    public static Map<String, Object> trashed(Map<String, Object> note, Instant when) {
        Map<String, Object> copy = new LinkedHashMap<>(note);
        copy.put("trashed", true);
        copy.put("trashTime", when.toString());
        copy.put("updateTime", when.toString());
        return copy;
    }
}
