package app.knowledgenetwork.knowledgeapi.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins the highlights of a field's two analyses into one: the English field marks the words found by their stems
 * ("runs" for "running"), the field as written the words found by a typo's correction
 * ({@link app.knowledgenetwork.common.search.DocumentIndex#TYPO_FIELDS}). OpenSearch highlights each field apart, so a
 * title or passage found both ways comes back twice, each time with only part of its marks.
 *
 * <p>Fragments are HTML-escaped text whose only markup is {@code <em>...</em>} (the HTML encoder): a literal "&lt;" in the
 * text is "&amp;lt;", so every "&lt;em&gt;" is a mark.
 */
final class MarkedFragments {
    private static final String OPEN = "<em>";
    private static final String CLOSE = "</em>";

    private MarkedFragments() {
    }

    /**
     * The English field's fragments, each with the marks of the same passage as written added, then the passages found only
     * as written, up to {@code max} in all.
     */
    static List<String> merge(List<String> english, List<String> asWritten, int max) {
        List<String> merged = new ArrayList<>(english);
        for (String fragment : asWritten) {
            String text = text(fragment);
            int same = -1;
            for (int i = 0; i < merged.size() && same < 0; i++) {
                if (text(merged.get(i)).equals(text)) {
                    same = i;
                }
            }
            if (same >= 0) {
                merged.set(same, union(merged.get(same), fragment));
            } else if (merged.size() < max) {
                merged.add(fragment);
            }
        }
        return merged.size() > max ? List.copyOf(merged.subList(0, max)) : List.copyOf(merged);
    }

    /** The text of {@code a} (the same as {@code b}'s) with what either marks marked. */
    static String union(String a, String b) {
        String text = text(a);
        boolean[] marked = marks(a, text.length());
        boolean[] other = marks(b, text.length());
        StringBuilder out = new StringBuilder(a.length() + b.length());
        boolean open = false;
        for (int i = 0; i < text.length(); i++) {
            boolean on = marked[i] || other[i];
            if (on != open) {
                out.append(on ? OPEN : CLOSE);
                open = on;
            }
            out.append(text.charAt(i));
        }
        return open ? out.append(CLOSE).toString() : out.toString();
    }

    private static String text(String fragment) {
        return fragment.replace(OPEN, "").replace(CLOSE, "");
    }

    /** Which characters of the fragment's text lie between a mark's tags. */
    private static boolean[] marks(String fragment, int length) {
        boolean[] marked = new boolean[length];
        boolean inside = false;
        int at = 0;
        for (int i = 0; i < fragment.length(); ) {
            if (fragment.startsWith(OPEN, i)) {
                inside = true;
                i += OPEN.length();
            } else if (fragment.startsWith(CLOSE, i)) {
                inside = false;
                i += CLOSE.length();
            } else {
                if (at < length) {
                    marked[at] = inside;
                }
                at++;
                i++;
            }
        }
        return marked;
    }
}
