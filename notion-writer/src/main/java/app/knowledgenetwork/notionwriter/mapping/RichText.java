package app.knowledgenetwork.notionwriter.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Notion rich-text arrays: plain text in items of at most 2,000 characters each. */
final class RichText {

    static final int MAX_CONTENT = 2000;

    private RichText() {
    }

    static ArrayNode of(String text) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        if (text != null && !text.isEmpty()) {
            for (String piece : TextSplitter.split(text, MAX_CONTENT)) {
                array.addObject().put("type", "text").putObject("text").put("content", piece);
            }
        }
        return array;
    }
}
