package app.knowledgenetwork.notionwriter.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups top-level blocks into requests within Notion's limits: at most 100 children, 1,000 block
 * elements (nested ones included) and well under 500 KB per request. The first group rides in the
 * page-create request; the rest are appended in order.
 */
public final class BlockChunker {

    static final int MAX_CHILDREN = 100;
    static final int MAX_ELEMENTS = 1000;
    /** 500 KB less room for the page's properties and JSON framing. */
    static final int MAX_BYTES = 400 * 1000;

    private BlockChunker() {
    }

    public static List<List<ObjectNode>> chunks(List<ObjectNode> blocks) {
        List<List<ObjectNode>> chunks = new ArrayList<>();
        List<ObjectNode> current = new ArrayList<>();
        int elements = 0;
        int bytes = 0;
        for (ObjectNode block : blocks) {
            int blockElements = count(block);
            int blockBytes = block.toString().getBytes(StandardCharsets.UTF_8).length;
            if (!current.isEmpty() && (current.size() == MAX_CHILDREN || elements + blockElements > MAX_ELEMENTS
                    || bytes + blockBytes > MAX_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>();
                elements = 0;
                bytes = 0;
            }
            current.add(block);
            elements += blockElements;
            bytes += blockBytes;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static int count(JsonNode block) {
        int count = 1;
        JsonNode children = block.path(block.path("type").asText()).path("children");
        for (JsonNode child : children) {
            count += count(child);
        }
        return count;
    }
}
