package app.knowledgenetwork.notionwriter.writes;

import app.knowledgenetwork.common.notes.Attachment;
import app.knowledgenetwork.common.notes.Note;
import app.knowledgenetwork.notionwriter.attachments.AttachmentSource;
import app.knowledgenetwork.notionwriter.mapping.BlockChunker;
import app.knowledgenetwork.notionwriter.mapping.NoteMapper;
import app.knowledgenetwork.notionwriter.mapping.PageContent;
import app.knowledgenetwork.notionwriter.mapping.NotionFileTypes;
import app.knowledgenetwork.notionwriter.attachments.AttachmentGoneException;
import app.knowledgenetwork.notionwriter.mapping.UnsupportedNoteException;
import app.knowledgenetwork.notionwriter.notion.NotionApi;
import app.knowledgenetwork.notionwriter.notion.NotionFailure;
import app.knowledgenetwork.notionwriter.notion.NotionFileUploads;
import app.knowledgenetwork.notionwriter.notion.NotionOutcomeUnknown;
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
 * duplicate; a create or append that got no answer is checked the same way before it is sent again.
 * New notes become one page-create request carrying the first 100 blocks; changed notes update their
 * page's properties and replace its blocks from the first one that differs; a changed note whose page
 * was deleted in Notion gets a fresh one; trashed notes archive their page.
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
                try {
                    api.updatePage(pageId, JSON.objectNode().put("archived", true));
                } catch (NotionFailure e) {
                    if (!isGone(e)) {
                        throw e;
                    }
                    LOG.infof("page %s of trashed note %s is already gone from Notion", pageId, note.id());
                }
                return NoteWriteResult.of(note.id(), pageId, WriteOutcome.ARCHIVED, hash);
            }
            List<String> warnings = new ArrayList<>();
            PageContent content = NoteMapper.map(note, schema, upload(note.attachments(), warnings));
            String warning = warnings.isEmpty() ? null : String.join("; ", warnings);
            if (pageId != null) {
                if (update(pageId, content)) {
                    return NoteWriteResult.warned(note.id(), pageId, WriteOutcome.UPDATED, hash, warning);
                }
                // Deleted in Notion, or in a trash it cannot leave: the note gets a page again, unless a
                // live one with its Keep ID exists (written by a run whose mapping was never recorded).
                LOG.infof("page %s of note %s is gone from Notion; writing the note to a fresh page", pageId, note.id());
                String live = findPages(schema.databaseId(), List.of(note.id())).get(note.id());
                if (live != null && !live.equals(pageId) && update(live, content)) {
                    return NoteWriteResult.warned(note.id(), live, WriteOutcome.UPDATED, hash, warning);
                }
            }
            return NoteWriteResult.warned(note.id(), create(schema, note.id(), content), WriteOutcome.CREATED, hash, warning);
        } catch (NotionFailure e) {
            LOG.warnf("note %s not written: %s", note.id(), e.describe());
            return NoteWriteResult.failed(note.id(), pageId, e.describe(), hash);
        } catch (AttachmentGoneException e) {
            return NoteWriteResult.attachmentGone(note.id(), pageId, e.getMessage(), hash, e.s3Key());
        } catch (UnsupportedNoteException e) {
            return NoteWriteResult.failed(note.id(), pageId, e.getMessage(), hash);
        } catch (PartialPageException e) {
            return NoteWriteResult.failed(note.id(), null, e.getMessage(), hash);
        }
    }

    /**
     * Whether Notion says the page is no more: 404 object_not_found (deleted for good, or no longer shared
     * with the integration), or an edit refused because the page is archived although the request
     * restores it (it lies in a trash it cannot leave, e.g. with its parent).
     */
    static boolean isGone(NotionFailure e) {
        return (e.status() == 404 && "object_not_found".equals(e.code()))
                || (e.status() == 400 && "validation_error".equals(e.code()) && String.valueOf(e.getMessage()).contains("archived"));
    }

    private String create(DatabaseSchema schema, String noteId, PageContent content) {
        List<List<ObjectNode>> chunks = BlockChunker.chunks(content.blocks());
        ObjectNode request = JSON.objectNode();
        request.putObject("parent").put("database_id", schema.databaseId());
        request.set("properties", content.properties());
        if (!chunks.isEmpty()) {
            request.set("children", array(chunks.get(0)));
        }
        String pageId = createPage(schema.databaseId(), noteId, request);
        try {
            int blocks = chunks.isEmpty() ? 0 : chunks.get(0).size();
            for (List<ObjectNode> chunk : chunks.subList(Math.min(1, chunks.size()), chunks.size())) {
                append(pageId, chunk, blocks);
                blocks += chunk.size();
            }
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

    /**
     * Sends the page create; when no answer tells whether it took effect, looks for the note's page by
     * its Keep ID before sending it again (the lookup before writing found none, so a page found now is
     * this request's), at most {@code MAX_RETRIES} times. Notion creates a page with its properties and
     * first children at once, so a page found holds exactly what the request carried.
     */
    private String createPage(String databaseId, String noteId, ObjectNode request) {
        for (int retry = 1; ; retry++) {
            try {
                return api.createPage(request).path("id").asText();
            } catch (NotionOutcomeUnknown e) {
                if (retry > api.governor().maxRetries()) {
                    throw e;
                }
                api.governor().backOff(retry);
                String created = findPages(databaseId, List.of(noteId)).get(noteId);
                if (created != null) {
                    LOG.infof("the create of note %s got no answer (%s) but its page %s exists", noteId, e.describe(), created);
                    return created;
                }
            }
        }
    }

    /**
     * Writes the page's properties and makes its blocks the note's, keeping the leading blocks that
     * already show the same content and replacing only from the first difference (Notion has no bulk
     * delete: each removed block costs a request). False when the page is gone from Notion.
     */
    private boolean update(String pageId, PageContent content) {
        ObjectNode request = JSON.objectNode();
        request.set("properties", content.properties());
        request.put("archived", false);
        try {
            api.updatePage(pageId, request);
        } catch (NotionFailure e) {
            if (isGone(e)) {
                return false;
            }
            throw e;
        }
        List<JsonNode> existing = api.children(pageId);
        int kept = BlockFingerprint.keptPrefix(existing, content.blocks());
        for (JsonNode stale : existing.subList(kept, existing.size())) {
            try {
                api.deleteBlock(stale.path("id").asText());
            } catch (NotionFailure e) {
                if (e.status() != 404) {
                    throw e;
                }
                // someone removed it already
            }
        }
        int blocks = kept;
        for (List<ObjectNode> chunk : BlockChunker.chunks(content.blocks().subList(kept, content.blocks().size()))) {
            append(pageId, chunk, blocks);
            blocks += chunk.size();
        }
        return true;
    }

    /**
     * Appends one chunk to a page that holds {@code before} top-level blocks. When no answer tells
     * whether it went through, counts the page's blocks before sending it again, so that it never
     * lands twice.
     */
    private void append(String pageId, List<ObjectNode> chunk, int before) {
        ObjectNode request = JSON.objectNode();
        request.set("children", array(chunk));
        for (int retry = 1; ; retry++) {
            try {
                api.appendChildren(pageId, request);
                return;
            } catch (NotionOutcomeUnknown e) {
                if (retry > api.governor().maxRetries()) {
                    throw e;
                }
                api.governor().backOff(retry);
                int now = api.children(pageId).size();
                if (now == before + chunk.size()) {
                    return;
                }
                if (now != before) {
                    throw new NotionFailure(409, "unexpected_content", "page " + pageId + " holds " + now + " blocks after an append without answer; "
                            + before + " or " + (before + chunk.size()) + " were expected");
                }
            }
        }
    }

    private Map<String, String> upload(List<Attachment> files, List<String> warnings) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Attachment file : files) {
            if (!NotionFileTypes.supported(file.mimeType())) {
                warnings.add("attachment " + file.fileName() + " (" + file.mimeType() + ") is a file type Notion does not accept; "
                        + "the page names it instead");
                continue;
            }
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
