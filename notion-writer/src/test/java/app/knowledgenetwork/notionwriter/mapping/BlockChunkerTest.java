package app.knowledgenetwork.notionwriter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockChunkerTest {

    private static ObjectNode toDo(int children) {
        ObjectNode block = JsonNodeFactory.instance.objectNode().put("type", "to_do");
        ObjectNode content = block.putObject("to_do");
        var array = content.putArray("children");
        for (int i = 0; i < children; i++) {
            array.addObject().put("type", "to_do").putObject("to_do");
        }
        return block;
    }

    @Test
    void atMostAHundredTopLevelBlocksPerRequest() {
        List<ObjectNode> blocks = IntStream.range(0, 250).mapToObj(i -> toDo(0)).toList();
        assertEquals(List.of(100, 100, 50), BlockChunker.chunks(blocks).stream().map(List::size).toList());
    }

    @Test
    void nestedBlocksCountTowardsTheThousandElements() {
        List<ObjectNode> blocks = IntStream.range(0, 30).mapToObj(i -> toDo(49)).toList();
        // 50 elements each: 20 fit in 1,000.
        assertEquals(List.of(20, 10), BlockChunker.chunks(blocks).stream().map(List::size).toList());
    }

    @Test
    void largeBlocksAreSplitByBytes() {
        List<ObjectNode> blocks = IntStream.range(0, 30).mapToObj(i -> {
            ObjectNode block = JsonNodeFactory.instance.objectNode().put("type", "paragraph");
            block.putObject("paragraph").put("pad", "x".repeat(50_000));
            return block;
        }).toList();
        BlockChunker.chunks(blocks).forEach(chunk -> assertEquals(true, chunk.size() <= 7));
    }
}
