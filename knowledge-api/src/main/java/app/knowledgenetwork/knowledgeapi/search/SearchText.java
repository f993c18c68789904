package app.knowledgenetwork.knowledgeapi.search;

import java.util.ArrayList;
import java.util.List;

/**
 * What a search box's text asks for, in the syntax of web search engines (and of PostgreSQL's
 * {@code websearch_to_tsquery}, which Outline's search uses): {@code "a phrase"} in quotes must appear as written, word
 * after word; {@code -word} or {@code -"a phrase"} must not appear; the other words are looked for as before (other forms
 * and typos, any of them, the more the better). A hyphen inside a word ("e-mail") is part of it; an unclosed quote runs
 * to the end.
 *
 * @param words    the free words, space-separated (empty when there are none)
 * @param phrases  the quoted phrases, each required
 * @param excluded the words and phrases after a minus, each ruling a document out
 */
record SearchText(String words, List<String> phrases, List<String> excluded) {

    static SearchText parse(String text) {
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean minus = c == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1));
            int start = minus ? i + 1 : i;
            String part;
            boolean quoted = text.charAt(start) == '"';
            if (quoted) {
                int close = text.indexOf('"', start + 1);
                int end = close < 0 ? n : close;
                part = text.substring(start + 1, end).strip();
                i = close < 0 ? n : close + 1;
            } else {
                int end = start;
                while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                part = text.substring(start, end);
                i = end;
            }
            if (part.isEmpty() || part.equals("-")) {
                continue;
            }
            if (minus) {
                excluded.add(part);
            } else if (quoted) {
                phrases.add(part);
            } else {
                words.add(part);
            }
        }
        return new SearchText(String.join(" ", words), List.copyOf(phrases), List.copyOf(excluded));
    }

    /** Whether anything is looked for: a query of excluded words alone would list every other document. */
    boolean looksForSomething() {
        return !words.isEmpty() || !phrases.isEmpty();
    }
}
