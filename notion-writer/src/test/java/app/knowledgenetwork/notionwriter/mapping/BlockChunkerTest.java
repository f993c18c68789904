package app.knowledgenetwork.notionwriter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockChunkerTest {

    private static ObjectNode toDo(int index, int children) {
        ObjectNode block = JsonNodeFactory.instance.objectNode().put("type", "to_do");
        ObjectNode content = block.putObject("to_do");
        content.put("index", index);
        var array = content.putArray("children");
        for (int i = 0; i < children; i++) {
            array.addObject().put("type", "to_do").putObject("to_do");
        }
        return block;
    }

    private static ObjectNode paragraph(int index, int padding) {
        ObjectNode block = JsonNodeFactory.instance.objectNode().put("type", "paragraph");
        block.putObject("paragraph").put("index", index).put("pad", "x".repeat(padding));
        return block;
    }

    /** Every block once, in order: chunking never drops, repeats or reorders a block. */
    private static void assertSameBlocksInOrder(List<ObjectNode> blocks, List<List<ObjectNode>> chunks) {
        assertEquals(blocks, chunks.stream().flatMap(List::stream).toList());
    }

    private static int bytes(List<ObjectNode> chunk) {
        return chunk.stream().mapToInt(b -> b.toString().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    @Test
    void atMostAHundredTopLevelBlocksPerRequest() {
        List<ObjectNode> blocks = IntStream.range(0, 250).mapToObj(i -> toDo(i, 0)).toList();

        List<List<ObjectNode>> chunks = BlockChunker.chunks(blocks);

        assertEquals(List.of(100, 100, 50), chunks.stream().map(List::size).toList());
        assertSameBlocksInOrder(blocks, chunks);
    }

    @Test
    void nestedBlocksCountTowardsTheThousandElements() {
        List<ObjectNode> blocks = IntStream.range(0, 30).mapToObj(i -> toDo(i, 49)).toList();

        List<List<ObjectNode>> chunks = BlockChunker.chunks(blocks);

        // 50 elements each: 20 fit in 1,000.
        assertEquals(List.of(20, 10), chunks.stream().map(List::size).toList());
        assertSameBlocksInOrder(blocks, chunks);
    }

    @Test
    void largeBlocksAreSplitByBytes() {
        List<ObjectNode> blocks = IntStream.range(0, 30).mapToObj(i -> paragraph(i, 50_000)).toList();

        List<List<ObjectNode>> chunks = BlockChunker.chunks(blocks);

        // A little over 50 KB each: 7 fit under the 400 KB a request may carry, 8 do not.
        assertEquals(List.of(7, 7, 7, 7, 2), chunks.stream().map(List::size).toList());
        chunks.forEach(chunk -> assertTrue(bytes(chunk) <= BlockChunker.MAX_BYTES, bytes(chunk) + " bytes"));
        assertSameBlocksInOrder(blocks, chunks);
    }

    @Test
    void aBlockOverTheByteBudgetStillTravelsAloneRatherThanBeingDropped() {
        List<ObjectNode> blocks = List.of(paragraph(0, 10), paragraph(1, BlockChunker.MAX_BYTES + 1), paragraph(2, 10));

        List<List<ObjectNode>> chunks = BlockChunker.chunks(blocks);

        assertEquals(List.of(1, 1, 1), chunks.stream().map(List::size).toList());
        assertSameBlocksInOrder(blocks, chunks);
    }

    @Test
    void noBlocksMakeNoRequests() {
        assertEquals(List.of(), BlockChunker.chunks(List.of()));
    }
}
