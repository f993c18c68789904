package app.knowledgenetwork.notionwriter.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** As the writer sends it. */
    private static JsonNode sent(String text) {
        return json("{'object':'block','type':'paragraph','paragraph':{'rich_text':[{'type':'text','text':{'content':'" + text + "'}}]}}");
    }

    /** As Notion returns it. */
    private static JsonNode returned(String text, boolean bold) {
        return json("{'object':'block','id':'b1','type':'paragraph','has_children':false,'archived':false,'paragraph':{'color':'default',"
                + "'rich_text':[{'type':'text','text':{'content':'" + text + "','link':null},'plain_text':'" + text + "','href':null,"
                + "'annotations':{'bold':" + bold + ",'italic':false,'strikethrough':false,'underline':false,'code':false,'color':'default'}}]}}");
    }

    @Test
    void aBlockReadBackFromNotionMatchesTheBlockThatWasSent() {
        assertEquals(BlockFingerprint.of(sent("hello")), BlockFingerprint.of(returned("hello", false)));
        assertNotEquals(BlockFingerprint.of(sent("hello")), BlockFingerprint.of(returned("hello!", false)));
        assertNotEquals(BlockFingerprint.of(sent("hello")), BlockFingerprint.of(returned("hello", true)), "bold added in Notion is a difference");
    }

    @Test
    void textSplitIntoPiecesStyledAlikeMatchesTheWholeText() {
        JsonNode split = json("{'type':'paragraph','paragraph':{'rich_text':[{'text':{'content':'hel'}},{'text':{'content':'lo'}}]}}");
        assertEquals(BlockFingerprint.of(sent("hello")), BlockFingerprint.of(split));
    }

    @Test
    void checkedStateCountsAndBlocksWithChildrenOrFilesAreNeverKept() {
        JsonNode open = json("{'type':'to_do','to_do':{'rich_text':[{'text':{'content':'milk'}}],'checked':false}}");
        JsonNode done = json("{'type':'to_do','to_do':{'rich_text':[{'text':{'content':'milk'}}],'checked':true}}");
        assertNotEquals(BlockFingerprint.of(open), BlockFingerprint.of(done));
        assertTrue(BlockFingerprint.of(json("{'type':'to_do','has_children':true,'to_do':{'rich_text':[],'checked':false}}")).isEmpty());
        assertTrue(BlockFingerprint.of(json("{'type':'image','image':{'type':'file','file':{'url':'https://x'}}}")).isEmpty());
        assertEquals(1, BlockFingerprint.keptPrefix(List.of(returned("a", false), returned("b", false), returned("c", false)),
                List.of(sent("a"), sent("B"), sent("c"))), "kept up to the first difference only");
    }
}
