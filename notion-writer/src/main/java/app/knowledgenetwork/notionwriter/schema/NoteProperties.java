package app.knowledgenetwork.notionwriter.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** The database properties a note is written into, by name, with the Notion type each must have. */
public final class NoteProperties {

    public static final String LABELS = "Labels";
    public static final String COLOR = "Color";
    public static final String PINNED = "Pinned";
    public static final String ARCHIVED = "Archived";
    public static final String KEEP_ID = "Keep ID";
    public static final String KEEP_LINK = "Keep link";
    public static final String CREATED = "Created";
    public static final String UPDATED = "Updated";

    /** Besides the database's title property, which every Notion database has exactly one of. */
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put(LABELS, "multi_select");
        REQUIRED.put(COLOR, "select");
        REQUIRED.put(PINNED, "checkbox");
        REQUIRED.put(ARCHIVED, "checkbox");
        REQUIRED.put(KEEP_ID, "rich_text");
        REQUIRED.put(KEEP_LINK, "url");
        REQUIRED.put(CREATED, "date");
        REQUIRED.put(UPDATED, "date");
    }

    private NoteProperties() {
    }
}
