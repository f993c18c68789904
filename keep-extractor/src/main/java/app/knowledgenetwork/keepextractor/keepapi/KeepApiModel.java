package app.knowledgenetwork.keepextractor.keepapi;

import com.google.api.client.json.GenericJson;
import com.google.api.client.util.Key;
import java.util.List;

/** The Keep API v1 resources, as google-http-client parses them ({@code @Key} fields named as in the API). */
public final class KeepApiModel {

    private KeepApiModel() {
    }

    /** Response of notes.list. */
    public static class ListNotesResponse extends GenericJson {
        @Key public List<ApiNote> notes;
        @Key public String nextPageToken;
    }

    /** A note. Times are RFC 3339 strings. */
    public static class ApiNote extends GenericJson {
        @Key public String name;
        @Key public String createTime;
        @Key public String updateTime;
        @Key public String trashTime;
        @Key public Boolean trashed;
        @Key public String title;
        @Key public Section body;
        @Key public List<ApiAttachment> attachments;
    }

    /** Either text or list. */
    public static class Section extends GenericJson {
        @Key public TextContent text;
        @Key public ListContent list;
    }

    public static class TextContent extends GenericJson {
        @Key public String text;
    }

    public static class ListContent extends GenericJson {
        @Key public List<ListItem> listItems;
    }

    public static class ListItem extends GenericJson {
        @Key public TextContent text;
        @Key public Boolean checked;
        @Key public List<ListItem> childListItems;
    }

    /** {@code name} is {@code notes/{note}/attachments/{attachment}}. */
    public static class ApiAttachment extends GenericJson {
        @Key public String name;
        @Key public List<String> mimeType;
    }
}
