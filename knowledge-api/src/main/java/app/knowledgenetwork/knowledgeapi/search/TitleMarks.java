package app.knowledgenetwork.knowledgeapi.search;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the words of a suggested title that begin with a typed word, as OpenSearch's highlighter would mark them in
 * {@code title.suggest} (whole words, case and accents ignored: its analyzer lower-cases and folds to ASCII) but without
 * asking it to: a highlight makes OpenSearch re-read and re-match every hit, which cost suggest-as-you-type as much
 * as the search itself. The title is HTML-escaped, only the {@code <em>} markers are markup.
 */
final class TitleMarks {
    /** A word as the standard tokenizer takes one, near enough for titles: letters, digits and the marks on them. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final List<String> typed;

    private TitleMarks(List<String> typed) {
        this.typed = typed;
    }

    /** The words of what was typed, folded. */
    static TitleMarks of(String prefix) {
        List<String> words = WORD.matcher(prefix).results().map(m -> fold(m.group())).filter(w -> !w.isEmpty()).toList();
        return new TitleMarks(words);
    }

    String mark(String title) {
        StringBuilder out = new StringBuilder(title.length() + 16);
        Matcher m = WORD.matcher(title);
        int last = 0;
        while (m.find()) {
            out.append(escapeHtml(title.substring(last, m.start())));
            String word = m.group();
            String folded = fold(word);
            if (typed.stream().anyMatch(folded::startsWith)) {
                out.append("<em>").append(escapeHtml(word)).append("</em>");
            } else {
                out.append(escapeHtml(word));
            }
            last = m.end();
        }
        return out.append(escapeHtml(title.substring(last))).toString();
    }

    static String fold(String word) {
        return MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#x27;");
    }
}
