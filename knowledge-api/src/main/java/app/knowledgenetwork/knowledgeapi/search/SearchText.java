package app.knowledgenetwork.knowledgeapi.search;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a search box's text asks for, in the syntax of web search engines (and of PostgreSQL's
 * {@code websearch_to_tsquery}, which Outline's search uses): {@code "a phrase"} in quotes must appear, word after word;
 * {@code -word} or {@code -"a phrase"} must not appear; the other words are looked for as before (other forms and
 * typos, any of them, the more the better). Typographic quotes (“…”, „…“) are quotes too, as phones and word processors
 * type them. A hyphen inside a word ("e-mail") is part of it; an unclosed quote runs to the end.
 *
 * @param words    the free words, space-separated (empty when there are none)
 * @param phrases  the quoted phrases, each required
 * @param excluded the words and phrases after a minus, each ruling a document out
 */
record SearchText(String words, List<String> phrases, List<String> excluded) {
    private static final String QUOTES = "\"“”„";

    /** A word or a quoted phrase, as typed, and whether a minus excludes it. */
    private record Part(String text, boolean quoted, boolean excluded) {
    }

    static SearchText parse(String text) {
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (Part part : parts(text)) {
            (part.excluded() ? excluded : part.quoted() ? phrases : words).add(part.text());
        }
        return new SearchText(String.join(" ", words), List.copyOf(phrases), List.copyOf(excluded));
    }

    /**
     * The words and phrases looked for, in the order typed, unquoted, without the excluded ones: what a title suggestion
     * completes (its last word being typed), so "release -dr" suggests from "release", not from titles beginning "dr".
     */
    static String lookedFor(String text) {
        return parts(text).stream().filter(p -> !p.excluded()).map(Part::text).collect(Collectors.joining(" "));
    }

    /** Whether anything is looked for: a query of excluded words alone would list every other document. */
    boolean looksForSomething() {
        return !words.isEmpty() || !phrases.isEmpty();
    }

    private static List<Part> parts(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            boolean minus = text.charAt(i) == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1));
            int start = minus ? i + 1 : i;
            boolean quoted = isQuote(text.charAt(start));
            String part;
            if (quoted) {
                int close = start + 1;
                while (close < n && !isQuote(text.charAt(close))) {
                    close++;
                }
                part = text.substring(start + 1, close).strip();
                i = Math.min(n, close + 1);
            } else {
                int end = start;
                while (end < n && !Character.isWhitespace(text.charAt(end)) && !isQuote(text.charAt(end))) {
                    end++;
                }
                part = text.substring(start, end);
                i = end;
            }
            if (!part.isEmpty() && !part.equals("-")) {
                parts.add(new Part(part, quoted, minus));
            }
        }
        return parts;
    }

    private static boolean isQuote(char c) {
        return QUOTES.indexOf(c) >= 0;
    }
}
