package app.knowledgenetwork.notionwriter.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into pieces of at most {@code max} UTF-16 units (what Notion counts) whose concatenation
 * is the text again. A cut goes after a line break in the second half of the piece if there is one,
 * else after the last whitespace, and only for a single word longer than the limit inside the word —
 * never between the two halves of a surrogate pair (an emoji, a rare CJK character).
 */
public final class TextSplitter {

    private TextSplitter() {
    }

    public static List<String> split(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must leave room for a surrogate pair, was " + max);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (text.length() - start > max) {
            int limit = start + max;
            int cut = -1;
            int newline = text.lastIndexOf('\n', limit - 1);
            if (newline >= start + max / 2) {
                cut = newline + 1;
            } else {
                for (int i = limit - 1; i > start; i--) {
                    if (Character.isWhitespace(text.charAt(i))) {
                        cut = i + 1;
                        break;
                    }
                }
            }
            if (cut <= start) {
                cut = limit;
                if (Character.isHighSurrogate(text.charAt(cut - 1)) && Character.isLowSurrogate(text.charAt(cut))) {
                    cut--;
                }
            }
            pieces.add(text.substring(start, cut));
            start = cut;
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }
}
