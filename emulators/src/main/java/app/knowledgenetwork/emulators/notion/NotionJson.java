package app.knowledgenetwork.emulators.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON shapes Notion repeats everywhere. */
final class NotionJson {

    private NotionJson() {
    }

    static ArrayNode plainRichText(String text) {
        ArrayNode array = NotionStore.JSON.arrayNode();
        if (text != null && !text.isEmpty()) {
            ObjectNode item = array.addObject();
            item.put("type", "text");
            item.putObject("text").put("content", text).putNull("link");
            item.put("plain_text", text);
            item.putNull("href");
        }
        return array;
    }

    /** Fills in what Notion adds to each rich-text item it stores: type, plain_text, href, annotations. */
    static void completeRichText(JsonNode array) {
        if (array == null || !array.isArray()) {
            return;
        }
        for (JsonNode node : array) {
            if (node instanceof ObjectNode item && item.has("text")) {
                item.put("type", "text");
                JsonNode text = item.get("text");
                item.put("plain_text", text.path("content").asText(""));
                JsonNode link = text.path("link");
                if (link.isObject()) {
                    item.put("href", link.path("url").asText());
                } else {
                    item.putNull("href");
                }
                if (!item.has("annotations")) {
                    item.putObject("annotations").put("bold", false).put("italic", false).put("strikethrough", false)
                            .put("underline", false).put("code", false).put("color", "default");
                }
            }
        }
    }

    static String plainText(JsonNode array) {
        StringBuilder out = new StringBuilder();
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                out.append(item.has("plain_text") ? item.get("plain_text").asText() : item.path("text").path("content").asText(""));
            }
        }
        return out.toString();
    }
}
