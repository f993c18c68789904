package app.knowledgenetwork.common.links;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The link targets of a document's Markdown: [[Title]] (or [[Title|label]], [[Title#heading]]) wiki-links, matched
 * by title case-insensitively, and document ids anywhere (e.g. [x](/documents/ID) or [[ID]]). Every service that
 * derives a document's {@code document_link} rows (knowledge-api on a GraphQL save, collab-websocket on a live save)
 * uses this one, so the graph is the same whoever saved.
 */
public final class WikiLinks {
    private static final Pattern WIKI = Pattern.compile("\\[\\[([^\\[\\]|#]+)(?:[|#][^\\]]*)?]]");
    private static final Pattern ID = Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");

    /** Titles (lower case, trimmed) and ids the content links to. */
    public record Targets(Set<String> lowerCaseTitles, Set<UUID> ids) {
    }

    private WikiLinks() {
    }

    public static Targets extract(String markdown) {
        Set<String> titles = new LinkedHashSet<>();
        Set<UUID> ids = new LinkedHashSet<>();
        Matcher wiki = WIKI.matcher(markdown);
        while (wiki.find()) {
            String inner = wiki.group(1).strip();
            if (ID.matcher(inner).matches()) {
                ids.add(UUID.fromString(inner));
            } else if (!inner.isEmpty()) {
                titles.add(inner.toLowerCase(Locale.ROOT));
            }
        }
        Matcher id = ID.matcher(markdown);
        while (id.find()) {
            ids.add(UUID.fromString(id.group()));
        }
        return new Targets(titles, ids);
    }
}
