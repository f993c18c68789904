package app.knowledgenetwork.knowledgeapi.documents;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds link targets in Markdown: [[Title]] (or [[Title|label]]) wiki-links, and document ids anywhere (e.g. [x](/documents/ID)). */
public final class LinkExtractor {
    private static final Pattern WIKI = Pattern.compile("\\[\\[([^\\[\\]|#]+)(?:[|#][^\\]]*)?]]");
    private static final Pattern ID = Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");

    public record Targets(Set<String> lowerCaseTitles, Set<UUID> ids) {
    }

    private LinkExtractor() {
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
