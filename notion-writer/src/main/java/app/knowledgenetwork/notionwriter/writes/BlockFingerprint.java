package app.knowledgenetwork.notionwriter.writes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a top-level block shows, in one string that is the same whether the block is written as the
 * writer sends it or read back as Notion returns it (ids, times, plain_text and default annotations
 * aside). Blocks that cannot be compared this way have none: those with children (Notion lists them
 * separately) and file blocks (Notion returns a signed URL, not the upload they came from).
 */
final class BlockFingerprint {

    private static final Set<String> FILE_TYPES = Set.of("image", "file", "audio", "pdf", "video");
    private static final List<String> ANNOTATIONS = List.of("bold", "italic", "strikethrough", "underline", "code");

    private BlockFingerprint() {
    }

    static Optional<String> of(JsonNode block) {
        String type = block.path("type").asText("");
        JsonNode content = block.path(type);
        boolean hasChildren = block.path("has_children").asBoolean(false) || !content.path("children").isEmpty()
                || !block.path("children").isEmpty();
        if (type.isEmpty() || !content.isObject() || hasChildren || FILE_TYPES.contains(type)) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(type);
        out.append("|color=").append(content.path("color").asText("default"));
        out.append("|text=");
        richText(content.path("rich_text"), out);
        if (content.has("checked")) {
            out.append("|checked=").append(content.path("checked").asBoolean());
        }
        if (content.has("url")) {
            out.append("|url=").append(content.path("url").asText());
        }
        if (content.has("caption")) {
            out.append("|caption=");
            richText(content.path("caption"), out);
        }
        return Optional.of(out.toString());
    }

    /** How many leading blocks of {@code existing} already show what the first {@code desired} blocks would. */
    static int keptPrefix(List<JsonNode> existing, List<? extends JsonNode> desired) {
        int kept = 0;
        while (kept < existing.size() && kept < desired.size()) {
            Optional<String> have = of(existing.get(kept));
            if (have.isEmpty() || !have.equals(of(desired.get(kept)))) {
                break;
            }
            kept++;
        }
        return kept;
    }

    /** The text with its styling; neighbouring pieces styled alike count as one, however Notion splits them. */
    private static void richText(JsonNode items, StringBuilder out) {
        String style = null;
        for (JsonNode item : items) {
            JsonNode text = item.path("text");
            StringBuilder itemStyle = new StringBuilder();
            JsonNode link = text.path("link");
            if (link.isObject() && link.hasNonNull("url")) {
                itemStyle.append("|link=").append(link.path("url").asText());
            }
            JsonNode annotations = item.path("annotations");
            for (String annotation : ANNOTATIONS) {
                if (annotations.path(annotation).asBoolean(false)) {
                    itemStyle.append('|').append(annotation);
                }
            }
            String color = annotations.path("color").asText("default");
            if (!color.equals("default")) {
                itemStyle.append("|color=").append(color);
            }
            if (!itemStyle.toString().equals(style)) {
                style = itemStyle.toString();
                out.append(']').append(style).append('[');
            }
            out.append(text.has("content") ? text.path("content").asText() : item.path("plain_text").asText());
        }
    }
}
