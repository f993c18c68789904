package app.knowledgenetwork.notionwriter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void textWithinTheLimitStaysWhole() {
        assertEquals(List.of("short"), TextSplitter.split("short", 2000));
        assertEquals(List.of(), TextSplitter.split("", 2000));
        assertEquals(List.of("x".repeat(2000)), TextSplitter.split("x".repeat(2000), 2000));
    }

    @Test
    void cutsAfterALineBreakInTheSecondHalf() {
        String text = "a".repeat(1500) + "\n" + "b".repeat(1000);
        assertEquals(List.of("a".repeat(1500) + "\n", "b".repeat(1000)), TextSplitter.split(text, 2000));
    }

    @Test
    void cutsAfterTheLastSpaceRatherThanInsideAWord() {
        String text = "word ".repeat(500);
        List<String> pieces = TextSplitter.split(text, 2001);
        assertEquals(2, pieces.size());
        assertTrue(pieces.get(0).endsWith(" "));
        assertEquals(text, String.join("", pieces));
    }

    @Test
    void aWordLongerThanTheLimitIsCutButNeverBetweenASurrogatePair() {
        String text = "a".repeat(1999) + "\uD83D\uDE00" + "b".repeat(10);
        List<String> pieces = TextSplitter.split(text, 2000);
        assertEquals("a".repeat(1999), pieces.get(0));
        assertEquals("\uD83D\uDE00" + "b".repeat(10), pieces.get(1));
        pieces.forEach(p -> assertFalse(Character.isHighSurrogate(p.charAt(p.length() - 1))));
    }
}
