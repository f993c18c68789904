package app.knowledgenetwork.emulators.notion;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Notion's request limits, checked before anything is written so that a refused request changes nothing. */
final class NotionValidator {

    static final int MAX_TEXT = 2000;
    static final int MAX_RICH_TEXT_ITEMS = 100;
    static final int MAX_CHILDREN = 100;
    static final int MAX_NESTING = 2;
    static final int MAX_BLOCKS = 1000;
    static final int MAX_BYTES = 500 * 1000;
    private static final Set<String> RICH_TEXT_KEYS = Set.of("rich_text", "title", "caption");

    private NotionValidator() {
    }

    static void checkSize(String rawBody) {
        int bytes = rawBody == null ? 0 : rawBody.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw NotionError.validation("Request body too large: " + bytes + " bytes, the limit is " + MAX_BYTES + " bytes (500KB).");
        }
    }

    /** Walks the body: rich-text limits everywhere, children limits and nesting depth, block count. */
    static void checkLimits(JsonNode body) {
        int blocks = walk(body, "body", 0);
        if (blocks > MAX_BLOCKS) {
            throw NotionError.validation("body failed validation: the request has " + blocks + " block elements, the limit is " + MAX_BLOCKS + ".");
        }
    }

    private static int walk(JsonNode node, String path, int depth) {
        int count = 0;
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                JsonNode value = field.getValue();
                String here = path + "." + key;
                if (RICH_TEXT_KEYS.contains(key) && value.isArray()) {
                    checkRichText(value, here);
                } else if (key.equals("children") && value.isArray()) {
                    if (value.size() > MAX_CHILDREN) {
                        throw NotionError.validation("body failed validation: " + here + ".length should be ≤ `" + MAX_CHILDREN
                                + "`, instead was `" + value.size() + "`.");
                    }
                    if (value.size() > 0 && depth + 1 > MAX_NESTING) {
                        throw NotionError.validation("body failed validation: " + here
                                + " nests blocks more than " + MAX_NESTING + " levels deep in one request.");
                    }
                    int i = 0;
                    for (JsonNode child : value) {
                        count += 1 + walk(child, here + "[" + i++ + "]", depth + 1);
                    }
                } else {
                    count += walk(value, here, depth);
                }
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                count += walk(item, path + "[" + i++ + "]", depth);
            }
        }
        return count;
    }

    private static void checkRichText(JsonNode array, String path) {
        if (array.size() > MAX_RICH_TEXT_ITEMS) {
            throw NotionError.validation("body failed validation: " + path + ".length should be ≤ `" + MAX_RICH_TEXT_ITEMS
                    + "`, instead was `" + array.size() + "`.");
        }
        int i = 0;
        for (JsonNode item : array) {
            String content = item.path("text").path("content").asText("");
            if (content.length() > MAX_TEXT) {
                throw NotionError.validation("body failed validation: " + path + "[" + i + "].text.content.length should be ≤ `"
                        + MAX_TEXT + "`, instead was `" + content.length() + "`.");
            }
            JsonNode link = item.path("text").path("link");
            if (link.isObject() && link.path("url").asText("").length() > MAX_TEXT) {
                throw NotionError.validation("body failed validation: " + path + "[" + i + "].text.link.url.length should be ≤ `"
                        + MAX_TEXT + "`.");
            }
            i++;
        }
    }
}
