package app.knowledgenetwork.notionwriter.bench;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.notionwriter.attachments.AttachmentSource;
import app.knowledgenetwork.notionwriter.mapping.BlockChunker;
import app.knowledgenetwork.notionwriter.mapping.NoteMapper;
import app.knowledgenetwork.notionwriter.mapping.PageContent;
import app.knowledgenetwork.notionwriter.notion.NotionApi;
import app.knowledgenetwork.notionwriter.notion.NotionFileUploads;
import app.knowledgenetwork.notionwriter.schema.DatabaseSchema;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The way many Keep→Notion tools write a note: create the page with its properties, then append its
 * blocks in a second request (one per 100 blocks). Same mapping, same client, same rate limit as
 * notion-writer, so the bench compares only the request pattern.
 */
final class NaivePeer {

    private final NotionApi api;
    private final NotionFileUploads uploads;
    private final AttachmentSource attachments;

    NaivePeer(NotionApi api, NotionFileUploads uploads, AttachmentSource attachments) {
        this.api = api;
        this.uploads = uploads;
        this.attachments = attachments;
    }

    void write(DatabaseSchema schema, Note note) {
        Map<String, String> ids = new HashMap<>();
        for (Attachment file : note.attachments()) {
            ids.put(file.s3Key(), uploads.upload(file.fileName(), file.mimeType(), attachments.read(file)));
        }
        PageContent content = NoteMapper.map(note, schema, ids);
        ObjectNode create = JsonNodeFactory.instance.objectNode();
        create.putObject("parent").put("database_id", schema.databaseId());
        create.set("properties", content.properties());
        String pageId = api.createPage(create).path("id").asText();
        for (List<ObjectNode> chunk : BlockChunker.chunks(content.blocks())) {
            ObjectNode append = JsonNodeFactory.instance.objectNode();
            append.putArray("children").addAll(chunk);
            api.appendChildren(pageId, append);
        }
    }
}
