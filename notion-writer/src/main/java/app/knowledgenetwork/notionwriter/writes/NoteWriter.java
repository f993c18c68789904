package app.knowledgenetwork.notionwriter.writes;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.notionwriter.attachments.AttachmentSource;
import app.knowledgenetwork.notionwriter.mapping.BlockChunker;
import app.knowledgenetwork.notionwriter.mapping.NoteMapper;
import app.knowledgenetwork.notionwriter.mapping.PageContent;
import app.knowledgenetwork.notionwriter.mapping.UnsupportedNoteException;
import app.knowledgenetwork.notionwriter.notion.NotionApi;
import app.knowledgenetwork.notionwriter.notion.NotionFailure;
import app.knowledgenetwork.notionwriter.notion.NotionFileUploads;
import app.knowledgenetwork.notionwriter.schema.DatabaseSchema;
import app.knowledgenetwork.notionwriter.schema.NoteProperties;
import app.knowledgenetwork.notionwriter.schema.SchemaBootstrap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes notes into one Notion database, idempotently. Before creating a page it looks for the note's
 * existing page — the id the caller's mapping knows, else a page whose Keep ID property is the note's
 * id (one query per 100 notes) — so a crash between creating a page and recording it never leaves a
 * duplicate. New notes become one page-create request carrying the first 100 blocks; changed notes
 * update their page's properties and replace its blocks; trashed notes archive their page.
 */
public final class NoteWriter {

    private static final Logger LOG = Logger.getLogger(NoteWriter.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Notion's compound filters take up to 100 conditions. */
    static final int LOOKUP_BATCH = 100;

    private final NotionApi api;
    private final NotionFileUploads uploads;
    private final AttachmentSource attachments;
    private final SchemaBootstrap bootstrap;

    public NoteWriter(NotionApi api, NotionFileUploads uploads, AttachmentSource attachments) {
        this.api = api;
        this.uploads = uploads;
        this.attachments = attachments;
        this.bootstrap = new SchemaBootstrap(api);
    }

    /** Requests this writer sent to Notion, retries included. */
    public long requestCount() {
        return api.governor().requestCount();
    }

    public void close() {
        api.close();
    }

    /** Checks (and completes) the database, then writes each note; one note's failure never stops the others. */
    public List<NoteWriteResult> write(String databaseId, List<Note> notes, Map<String, KnownPage> known) {
        DatabaseSchema schema = bootstrap.ensure(databaseId);
        Map<String, String> pages = new HashMap<>();
        known.forEach((noteId, page) -> {
            if (page != null && page.pageId() != null) {
                pages.put(noteId, page.pageId());
            }
        });
        List<String> unknown = notes.stream().map(Note::id).filter(id -> !pages.containsKey(id)).distinct().toList();
        pages.putAll(findPages(databaseId, unknown));
        List<NoteWriteResult> results = new ArrayList<>();
        for (Note note : notes) {
            results.add(writeOne(schema, note, pages.get(note.id()), known.get(note.id())));
        }
        return results;
    }

    private NoteWriteResult writeOne(DatabaseSchema schema, Note note, String pageId, KnownPage known) {
        String hash = note.contentHash();
        try {
            if (pageId != null && known != null && hash.equals(known.contentHash())) {
                return NoteWriteResult.of(note.id(), pageId, WriteOutcome.UNCHANGED, hash);
            }
            if (note.trashed()) {
                if (pageId == null) {
                    return NoteWriteResult.of(note.id(), null, WriteOutcome.UNCHANGED, hash);
                }
                api.updatePage(pageId, JSON.objectNode().put("archived", true));
                return NoteWriteResult.of(note.id(), pageId, WriteOutcome.ARCHIVED, hash);
            }
            PageContent content = NoteMapper.map(note, schema, upload(note.attachments()));
            List<List<ObjectNode>> chunks = BlockChunker.chunks(content.blocks());
            if (pageId != null) {
                update(pageId, content, chunks);
                return NoteWriteResult.of(note.id(), pageId, WriteOutcome.UPDATED, hash);
            }
            return NoteWriteResult.of(note.id(), create(schema, content, chunks), WriteOutcome.CREATED, hash);
        } catch (NotionFailure e) {
            LOG.warnf("note %s not written: %s", note.id(), e.describe());
            return NoteWriteResult.failed(note.id(), pageId, e.describe(), hash);
        } catch (UnsupportedNoteException e) {
            return NoteWriteResult.failed(note.id(), pageId, e.getMessage(), hash);
        } catch (PartialPageException e) {
            return NoteWriteResult.failed(note.id(), null, e.getMessage(), hash);
        }
    }

    private String create(DatabaseSchema schema, PageContent content, List<List<ObjectNode>> chunks) {
        ObjectNode request = JSON.objectNode();
        request.putObject("parent").put("database_id", schema.databaseId());
        request.set("properties", content.properties());
        if (!chunks.isEmpty()) {
            request.set("children", array(chunks.get(0)));
        }
        String pageId = api.createPage(request).path("id").asText();
        try {
            append(pageId, chunks.subList(Math.min(1, chunks.size()), chunks.size()));
        } catch (NotionFailure e) {
            // Never leave a half-written page behind: archive it, so the next run creates it whole.
            try {
                api.updatePage(pageId, JSON.objectNode().put("archived", true));
            } catch (NotionFailure archiveFailed) {
                throw new PartialPageException(e.describe() + "; page " + pageId + " holds only part of the note and could not be archived: "
                        + archiveFailed.describe());
            }
            throw new PartialPageException(e.describe() + "; the partly written page " + pageId + " was archived");
        }
        return pageId;
    }

    private void update(String pageId, PageContent content, List<List<ObjectNode>> chunks) {
        ObjectNode request = JSON.objectNode();
        request.set("properties", content.properties());
        request.put("archived", false);
        api.updatePage(pageId, request);
        for (String child : api.childIds(pageId)) {
            api.deleteBlock(child);
        }
        append(pageId, chunks);
    }

    private void append(String pageId, List<List<ObjectNode>> chunks) {
        for (List<ObjectNode> chunk : chunks) {
            ObjectNode request = JSON.objectNode();
            request.set("children", array(chunk));
            api.appendChildren(pageId, request);
        }
    }

    private Map<String, String> upload(List<Attachment> files) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Attachment file : files) {
            ids.put(file.s3Key(), uploads.upload(file.fileName(), file.mimeType(), attachments.read(file)));
        }
        return ids;
    }

    /** Pages whose Keep ID is one of the ids, oldest first wins (a duplicate made by hand is left alone). */
    private Map<String, String> findPages(String databaseId, List<String> noteIds) {
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < noteIds.size(); from += LOOKUP_BATCH) {
            List<String> batch = noteIds.subList(from, Math.min(noteIds.size(), from + LOOKUP_BATCH));
            ObjectNode query = JSON.objectNode();
            ArrayNode or = query.putObject("filter").putArray("or");
            batch.forEach(id -> or.addObject().put("property", NoteProperties.KEEP_ID).putObject("rich_text").put("equals", id));
            query.put("page_size", 100);
            String cursor = null;
            do {
                if (cursor != null) {
                    query.put("start_cursor", cursor);
                }
                JsonNode page = api.queryDatabase(databaseId, query);
                for (JsonNode result : page.path("results")) {
                    String keepId = plainText(result.path("properties").path(NoteProperties.KEEP_ID).path("rich_text"));
                    found.putIfAbsent(keepId, result.path("id").asText());
                }
                cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText(null) : null;
            } while (cursor != null);
        }
        return found;
    }

    private static String plainText(JsonNode richText) {
        StringBuilder out = new StringBuilder();
        richText.forEach(item -> out.append(item.has("plain_text") ? item.path("plain_text").asText() : item.path("text").path("content").asText()));
        return out.toString();
    }

    private static ArrayNode array(List<ObjectNode> blocks) {
        ArrayNode array = JSON.arrayNode();
        blocks.forEach(array::add);
        return array;
    }

    /** A page was created but not all of its content could follow. */
    static final class PartialPageException extends RuntimeException {
        PartialPageException(String message) {
            super(message);
        }
    }
}
