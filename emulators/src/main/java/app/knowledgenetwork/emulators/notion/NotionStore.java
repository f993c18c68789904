package app.knowledgenetwork.emulators.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated workspace, in memory: which tokens exist, their databases, pages, blocks and file
 * uploads. A plain singleton (no client proxy), since resources read its fields. Callers synchronize on the store for every read-modify-write.
 */
@Singleton
public class NotionStore {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final Set<String> PROPERTY_TYPES = Set.of("title", "rich_text", "number", "select", "multi_select", "date",
            "checkbox", "url", "email", "phone_number", "status", "people", "files", "relation");

    /** A database: its properties keyed by name, each {@code {id, name, type, <type>: {...}}}. */
    static final class Database {
        final String id;
        final String token;
        String title;
        final Map<String, ObjectNode> properties = new LinkedHashMap<>();
        final Instant created = now();

        Database(String token, String title) {
            this(UUID.randomUUID().toString(), token, title);
        }

        /** With a fixed id, so that a seed file can name a database the local stack is configured with. */
        Database(String id, String token, String title) {
            this.id = id;
            this.token = token;
            this.title = title;
        }
    }

    static final class Page {
        final String id = UUID.randomUUID().toString();
        final String token;
        final String databaseId;
        final ObjectNode properties = JSON.objectNode();
        final List<String> children = new ArrayList<>();
        boolean archived;
        final Instant created = now();
        Instant edited = created;

        Page(String token, String databaseId) {
            this.token = token;
            this.databaseId = databaseId;
        }
    }

    /** A block; {@code content} is the object under its type key, without children. */
    static final class Block {
        final String id = UUID.randomUUID().toString();
        final String token;
        final String parentId;
        final String type;
        final ObjectNode content;
        final List<String> children = new ArrayList<>();
        boolean archived;
        final Instant created = now();

        Block(String token, String parentId, String type, ObjectNode content) {
            this.token = token;
            this.parentId = parentId;
            this.type = type;
            this.content = content;
        }
    }

    static final class FileUpload {
        final String id = UUID.randomUUID().toString();
        final String token;
        final String filename;
        final String contentType;
        final String mode;
        final int numberOfParts;
        /** The parts of a multi_part upload until it is completed, by part number. */
        final java.util.TreeMap<Integer, byte[]> parts = new java.util.TreeMap<>();
        String status = "pending";
        long contentLength;
        String sha256;
        final Instant expiry = now().plus(1, ChronoUnit.HOURS);

        FileUpload(String token, String filename, String contentType, String mode, int numberOfParts) {
            this.token = token;
            this.filename = filename;
            this.contentType = contentType;
            this.mode = mode;
            this.numberOfParts = numberOfParts;
        }
    }

    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    final Map<String, Database> databases = new LinkedHashMap<>();
    final Map<String, Page> pages = new LinkedHashMap<>();
    final Map<String, Block> blocks = new LinkedHashMap<>();
    final Map<String, FileUpload> uploads = new LinkedHashMap<>();

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    synchronized void reset() {
        tokens.clear();
        databases.clear();
        pages.clear();
        blocks.clear();
        uploads.clear();
    }

    /**
     * Removes a page and its blocks for good, as when a user empties Notion's trash (or after its 30
     * days): from then on every request naming the page answers 404 object_not_found.
     */
    void deleteForever(Page page) {
        pages.remove(page.id);
        removeBlocks(page.children);
    }

    private void removeBlocks(List<String> ids) {
        for (String id : ids) {
            Block block = blocks.remove(id);
            if (block != null) {
                removeBlocks(block.children);
            }
        }
    }

    Database database(String token, String id) {
        Database db = databases.get(normalize(id));
        if (db == null || !db.token.equals(token)) {
            throw NotionError.notFound("database", id);
        }
        return db;
    }

    Page page(String token, String id) {
        Page page = pages.get(normalize(id));
        if (page == null || !page.token.equals(token)) {
            throw NotionError.notFound("page", id);
        }
        return page;
    }

    /** Notion accepts ids with or without dashes. */
    static String normalize(String id) {
        if (id != null && id.length() == 32 && !id.contains("-")) {
            return id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16) + "-"
                    + id.substring(16, 20) + "-" + id.substring(20);
        }
        return id;
    }

    static ObjectNode propertySchema(String name, String type, JsonNode config) {
        ObjectNode schema = JSON.objectNode();
        schema.put("id", name.equals("title") || type.equals("title") ? "title" : UUID.randomUUID().toString().substring(0, 4));
        schema.put("name", name);
        schema.put("type", type);
        ObjectNode typeConfig = config != null && config.isObject() ? ((ObjectNode) config).deepCopy() : JSON.objectNode();
        if ((type.equals("select") || type.equals("multi_select")) && !typeConfig.has("options")) {
            typeConfig.putArray("options");
        }
        schema.set(type, typeConfig);
        return schema;
    }

    ObjectNode databaseJson(Database db) {
        ObjectNode out = JSON.objectNode();
        out.put("object", "database");
        out.put("id", db.id);
        out.put("created_time", db.created.toString());
        out.put("last_edited_time", db.created.toString());
        out.set("title", NotionJson.plainRichText(db.title));
        out.set("description", JSON.arrayNode());
        ObjectNode properties = out.putObject("properties");
        db.properties.forEach(properties::set);
        out.putObject("parent").put("type", "workspace").put("workspace", true);
        out.put("url", "https://www.notion.so/" + db.id.replace("-", ""));
        out.put("archived", false);
        out.put("is_inline", false);
        return out;
    }

    ObjectNode pageJson(Page page) {
        ObjectNode out = JSON.objectNode();
        out.put("object", "page");
        out.put("id", page.id);
        out.put("created_time", page.created.toString());
        out.put("last_edited_time", page.edited.toString());
        out.putObject("created_by").put("object", "user").put("id", "emulator-bot");
        out.putObject("last_edited_by").put("object", "user").put("id", "emulator-bot");
        out.putNull("cover");
        out.putNull("icon");
        out.putObject("parent").put("type", "database_id").put("database_id", page.databaseId);
        out.put("archived", page.archived);
        out.put("in_trash", page.archived);
        out.set("properties", page.properties.deepCopy());
        out.put("url", "https://www.notion.so/" + page.id.replace("-", ""));
        return out;
    }

    ObjectNode blockJson(Block block) {
        ObjectNode out = JSON.objectNode();
        out.put("object", "block");
        out.put("id", block.id);
        ObjectNode parent = out.putObject("parent");
        if (pages.containsKey(block.parentId)) {
            parent.put("type", "page_id").put("page_id", block.parentId);
        } else {
            parent.put("type", "block_id").put("block_id", block.parentId);
        }
        out.put("created_time", block.created.toString());
        out.put("last_edited_time", block.created.toString());
        out.putObject("created_by").put("object", "user").put("id", "emulator-bot");
        out.putObject("last_edited_by").put("object", "user").put("id", "emulator-bot");
        out.put("has_children", block.children.stream().anyMatch(id -> !blocks.get(id).archived));
        out.put("archived", block.archived);
        out.put("in_trash", block.archived);
        out.put("type", block.type);
        out.set(block.type, block.content.deepCopy());
        return out;
    }

    /** A block with its live children inlined recursively, for inspection by tests. */
    ObjectNode blockTree(Block block) {
        ObjectNode out = blockJson(block);
        ArrayNode children = out.putArray("children");
        liveChildren(block.children).forEach(child -> children.add(blockTree(child)));
        return out;
    }

    List<Block> liveChildren(List<String> ids) {
        return ids.stream().map(blocks::get).filter(b -> !b.archived).toList();
    }
}
