package app.knowledgenetwork.notionwriter.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a note becomes in Notion: the page's property values and its top-level blocks (children nested). */
public record PageContent(ObjectNode properties, List<ObjectNode> blocks) {
    public PageContent {
        blocks = List.copyOf(blocks);
    }
}
