package app.knowledgenetwork.notionwriter.mapping;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.common.notes.NoteBody;
import app.knowledgenetwork.common.notes.WebLink;
import app.knowledgenetwork.notionwriter.schema.DatabaseSchema;
import app.knowledgenetwork.notionwriter.schema.NoteProperties;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps a note to Notion: properties for title, labels, colour, pinned, archived, Keep id and link,
 * created and updated; blocks for the body (paragraphs under 2,000 characters, or to_do blocks with
 * their checked state and sub-items), then the attachments (image blocks, file blocks for the rest)
 * and the web links (bookmark blocks).
 */
public final class NoteMapper {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Notion nests at most two levels of blocks in one request. */
    static final int MAX_CHECKLIST_DEPTH = 2;

    private NoteMapper() {
    }

    /** What the page says in place of an attachment Notion cannot take, and the warning on the note's result. */
    public static String notUploaded(Attachment attachment) {
        return "Attachment " + attachment.fileName() + " (" + attachment.mimeType() + ") is not in this page: Notion does not accept this "
                + "file type. It stays in Google Keep.";
    }

    /** @param uploads file upload id of each attachment, by its S3 key; one missing is named in the page instead */
    public static PageContent map(Note note, DatabaseSchema schema, Map<String, String> uploads) {
        return new PageContent(properties(note, schema), blocks(note, uploads));
    }

    static ObjectNode properties(Note note, DatabaseSchema schema) {
        ObjectNode properties = JSON.objectNode();
        properties.putObject(schema.titleProperty()).set("title", RichText.of(note.title()));
        ArrayNode labels = properties.putObject(NoteProperties.LABELS).putArray("multi_select");
        // Notion refuses commas in option names; a look-alike keeps the label readable and distinct.
        note.labels().forEach(label -> labels.addObject().put("name", label.replace(',', '\u201A')));
        ObjectNode color = properties.putObject(NoteProperties.COLOR);
        note.color().ifPresentOrElse(c -> color.putObject("select").put("name", c), () -> color.putNull("select"));
        properties.putObject(NoteProperties.PINNED).put("checkbox", note.pinned());
        properties.putObject(NoteProperties.ARCHIVED).put("checkbox", note.archived());
        properties.putObject(NoteProperties.KEEP_ID).set("rich_text", RichText.of(note.id()));
        ObjectNode link = properties.putObject(NoteProperties.KEEP_LINK);
        note.keepUrl().ifPresentOrElse(url -> link.put("url", url), () -> link.putNull("url"));
        properties.putObject(NoteProperties.CREATED).putObject("date").put("start", note.createdAt().toString());
        properties.putObject(NoteProperties.UPDATED).putObject("date").put("start", note.updatedAt().toString());
        return properties;
    }

    static List<ObjectNode> blocks(Note note, Map<String, String> uploads) {
        List<ObjectNode> blocks = new ArrayList<>();
        switch (note.body()) {
            case NoteBody.Text text -> TextSplitter.split(text.text(), RichText.MAX_CONTENT)
                    .forEach(piece -> blocks.add(block("paragraph").set("paragraph", JSON.objectNode().set("rich_text", RichText.of(piece)))));
            case NoteBody.Checklist checklist -> checklist.items().forEach(item -> blocks.add(toDo(item, 1)));
        }
        for (Attachment attachment : note.attachments()) {
            String uploadId = uploads.get(attachment.s3Key());
            if (uploadId == null) {
                // A type Notion does not take (a Keep voice memo is audio/3gpp): the page says which file is missing.
                blocks.add(block("paragraph").set("paragraph", JSON.objectNode().set("rich_text", RichText.of(notUploaded(attachment)))));
                continue;
            }
            String type = attachment.isImage() ? "image" : "file";
            ObjectNode content = JSON.objectNode().put("type", "file_upload");
            content.putObject("file_upload").put("id", uploadId);
            content.set("caption", attachment.isImage() ? JSON.arrayNode() : RichText.of(attachment.fileName()));
            blocks.add(block(type).set(type, content));
        }
        for (WebLink link : note.links()) {
            ObjectNode bookmark = JSON.objectNode().put("url", link.url());
            String caption = link.title().isEmpty() ? link.description() : link.title();
            bookmark.set("caption", RichText.of(caption));
            blocks.add(block("bookmark").set("bookmark", bookmark));
        }
        return blocks;
    }

    private static ObjectNode toDo(NoteBody.ChecklistItem item, int depth) {
        if (depth > MAX_CHECKLIST_DEPTH) {
            throw new UnsupportedNoteException("checklist item \"" + abbreviate(item.text())
                    + "\" is nested deeper than the two levels Keep and Notion share");
        }
        ObjectNode content = JSON.objectNode();
        content.set("rich_text", RichText.of(item.text()));
        content.put("checked", item.checked());
        if (!item.children().isEmpty()) {
            ArrayNode children = content.putArray("children");
            item.children().forEach(child -> children.add(toDo(child, depth + 1)));
        }
        return block("to_do").set("to_do", content);
    }

    private static ObjectNode block(String type) {
        return JSON.objectNode().put("object", "block").put("type", type);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
