package app.knowledgenetwork.emulators.notion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The Notion API (version 2022-06-28) as far as Keep→Notion Sync uses it: databases, pages, block
 * children and file uploads, with Notion's limits, errors and rate limit. {@code https://api.notion.com/v1/}
 * maps to {@code /notion/v1/} here.
 */
@Path("/notion/v1")
@Produces(MediaType.APPLICATION_JSON)
public class NotionApiResource {

    private static final Set<String> BLOCK_TYPES = Set.of("paragraph", "to_do", "bookmark", "image", "heading_1", "heading_2",
            "heading_3", "bulleted_list_item", "numbered_list_item", "quote", "callout", "divider", "code", "toggle",
            "embed", "file", "audio", "pdf", "video", "link_preview");
    /** Block types that carry a file: external, or one the caller uploaded through the File Upload API. */
    private static final Set<String> FILE_BLOCK_TYPES = Set.of("image", "file", "audio", "pdf", "video");

    private final NotionStore store;
    private final NotionGate gate;
    private final ObjectMapper mapper;

    @Context
    HttpHeaders headers;
    @Context
    UriInfo uri;
    @Context
    Request request;

    public NotionApiResource(NotionStore store, NotionGate gate, ObjectMapper mapper) {
        this.store = store;
        this.gate = gate;
        this.mapper = mapper;
    }

    @GET
    @Path("databases/{id}")
    public JsonNode retrieveDatabase(@PathParam("id") String id) {
        String token = gate.enter(headers, request, uri);
        synchronized (store) {
            return store.databaseJson(store.database(token, id));
        }
    }

    @PATCH
    @Path("databases/{id}")
    @Consumes(MediaType.WILDCARD)
    public JsonNode updateDatabase(@PathParam("id") String id, String raw) {
        String token = gate.enter(headers, request, uri);
        JsonNode body = parse(raw);
        synchronized (store) {
            NotionStore.Database db = store.database(token, id);
            JsonNode properties = body.path("properties");
            // Check every change first: a refused request changes nothing.
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> change = it.next();
                if (!change.getValue().isNull() && propertyType(change.getValue()) == null) {
                    throw NotionError.validation("body failed validation: body.properties." + change.getKey() + " should define a property type.");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> change = it.next();
                String name = change.getKey();
                if (change.getValue().isNull()) {
                    db.properties.remove(name);
                    continue;
                }
                String type = propertyType(change.getValue());
                if (type.equals("title")) {
                    db.properties.entrySet().removeIf(e -> e.getValue().path("type").asText().equals("title") && !e.getKey().equals(name));
                }
                db.properties.put(name, NotionStore.propertySchema(name, type, change.getValue().get(type)));
            }
            if (body.has("title")) {
                db.title = NotionJson.plainText(body.get("title"));
            }
            return store.databaseJson(db);
        }
    }

    @POST
    @Path("databases/{id}/query")
    @Consumes(MediaType.WILDCARD)
    public JsonNode queryDatabase(@PathParam("id") String id, String raw) {
        String token = gate.enter(headers, request, uri);
        JsonNode body = raw == null || raw.isBlank() ? NotionStore.JSON.objectNode() : parse(raw);
        synchronized (store) {
            NotionStore.Database db = store.database(token, id);
            JsonNode filter = body.path("filter");
            List<JsonNode> matches = new ArrayList<>();
            for (NotionStore.Page page : store.pages.values()) {
                if (page.databaseId.equals(db.id) && !page.archived && matches(db, page, filter)) {
                    matches.add(store.pageJson(page));
                }
            }
            return paginate(matches, body.path("start_cursor").asText(null), body.path("page_size").asInt(100), "page_or_database");
        }
    }

    @POST
    @Path("pages")
    @Consumes(MediaType.WILDCARD)
    public JsonNode createPage(String raw) {
        String token = gate.enter(headers, request, uri);
        NotionValidator.checkSize(raw);
        JsonNode body = parse(raw);
        NotionValidator.checkLimits(body);
        String databaseId = body.path("parent").path("database_id").asText(null);
        if (databaseId == null) {
            throw NotionError.validation("body failed validation: body.parent.database_id should be defined (this emulator creates pages in databases only).");
        }
        synchronized (store) {
            NotionStore.Database db = store.database(token, databaseId);
            ObjectNode properties = checkedProperties(db, body.path("properties"));
            JsonNode children = body.path("children");
            checkBlocks(token, children);
            NotionStore.Page page = new NotionStore.Page(token, db.id);
            db.properties.forEach((name, schema) -> {
                if (schema.path("type").asText().equals("title")) {
                    ObjectNode empty = NotionStore.JSON.objectNode().put("id", "title").put("type", "title");
                    empty.putArray("title");
                    page.properties.set(name, empty);
                }
            });
            page.properties.setAll(properties);
            store.pages.put(page.id, page);
            createBlocks(token, page.id, page.children, children);
            return store.pageJson(page);
        }
    }

    @GET
    @Path("pages/{id}")
    public JsonNode retrievePage(@PathParam("id") String id) {
        String token = gate.enter(headers, request, uri);
        synchronized (store) {
            return store.pageJson(store.page(token, id));
        }
    }

    @PATCH
    @Path("pages/{id}")
    @Consumes(MediaType.WILDCARD)
    public JsonNode updatePage(@PathParam("id") String id, String raw) {
        String token = gate.enter(headers, request, uri);
        NotionValidator.checkSize(raw);
        JsonNode body = parse(raw);
        NotionValidator.checkLimits(body);
        synchronized (store) {
            NotionStore.Page page = store.page(token, id);
            JsonNode archived = body.has("archived") ? body.get("archived") : body.get("in_trash");
            boolean unarchives = archived != null && !archived.asBoolean();
            if (page.archived && !unarchives && body.has("properties")) {
                throw NotionError.validation("Can't edit block that is archived. You must unarchive the block before editing.");
            }
            ObjectNode properties = checkedProperties(store.databases.get(page.databaseId), body.path("properties"));
            page.properties.setAll(properties);
            if (archived != null) {
                page.archived = archived.asBoolean();
            }
            page.edited = NotionStore.now();
            return store.pageJson(page);
        }
    }

    @GET
    @Path("blocks/{id}")
    public JsonNode retrieveBlock(@PathParam("id") String id) {
        String token = gate.enter(headers, request, uri);
        synchronized (store) {
            return store.blockJson(block(token, id));
        }
    }

    @GET
    @Path("blocks/{id}/children")
    public JsonNode listChildren(@PathParam("id") String id, @QueryParam("start_cursor") String cursor,
            @QueryParam("page_size") Integer pageSize) {
        String token = gate.enter(headers, request, uri);
        synchronized (store) {
            List<JsonNode> children = store.liveChildren(childrenOf(token, id)).stream().map(b -> (JsonNode) store.blockJson(b)).toList();
            return paginate(children, cursor, pageSize == null ? 100 : pageSize, "block");
        }
    }

    @PATCH
    @Path("blocks/{id}/children")
    @Consumes(MediaType.WILDCARD)
    public JsonNode appendChildren(@PathParam("id") String id, String raw) {
        String token = gate.enter(headers, request, uri);
        NotionValidator.checkSize(raw);
        JsonNode body = parse(raw);
        NotionValidator.checkLimits(body);
        JsonNode children = body.path("children");
        if (!children.isArray()) {
            throw NotionError.validation("body failed validation: body.children should be defined, instead was `undefined`.");
        }
        synchronized (store) {
            List<String> siblings = childrenOf(token, id);
            NotionStore.Page page = store.pages.get(NotionStore.normalize(id));
            if (page != null && page.archived) {
                throw NotionError.validation("Can't edit block that is archived. You must unarchive the block before editing.");
            }
            checkBlocks(token, children);
            List<NotionStore.Block> created = createBlocks(token, NotionStore.normalize(id), siblings, children);
            return paginate(created.stream().map(b -> (JsonNode) store.blockJson(b)).toList(), null, Integer.MAX_VALUE, "block");
        }
    }

    @DELETE
    @Path("blocks/{id}")
    public JsonNode deleteBlock(@PathParam("id") String id) {
        String token = gate.enter(headers, request, uri);
        synchronized (store) {
            NotionStore.Block block = block(token, id);
            block.archived = true;
            return store.blockJson(block);
        }
    }

    @POST
    @Path("file_uploads")
    @Consumes(MediaType.WILDCARD)
    public JsonNode createFileUpload(String raw) {
        String token = gate.enter(headers, request, uri);
        JsonNode body = raw == null || raw.isBlank() ? NotionStore.JSON.objectNode() : parse(raw);
        String mode = body.path("mode").asText("single_part");
        String filename = body.path("filename").asText(null);
        String contentType = body.path("content_type").asText(null);
        int parts = 1;
        if (mode.equals("multi_part")) {
            // Notion: a file over 20 MB goes up in 1-1,000 parts (5-20 MB each, the last smaller), named and completed.
            parts = body.path("number_of_parts").asInt(0);
            if (parts < 1 || parts > 1000) {
                throw NotionError.validation("body failed validation: body.number_of_parts should be between 1 and 1000 for mode multi_part.");
            }
            if (filename == null || filename.isBlank()) {
                throw NotionError.validation("body failed validation: body.filename should be defined for mode multi_part.");
            }
        } else if (!mode.equals("single_part")) {
            throw NotionError.validation("This emulator supports mode single_part and multi_part, not " + mode + ".");
        }
        if (contentType != null && !NotionFileTypes.supported(contentType)) {
            throw NotionError.validation("The content type " + contentType + " is not supported for file uploads.");
        }
        synchronized (store) {
            NotionStore.FileUpload upload = new NotionStore.FileUpload(token, filename, contentType, mode, parts);
            store.uploads.put(upload.id, upload);
            return uploadJson(upload);
        }
    }

    @POST
    @Path("file_uploads/{id}/complete")
    @Consumes(MediaType.WILDCARD)
    public JsonNode completeFileUpload(@PathParam("id") String id) {
        String token = gate.enter(headers, request, uri);
        synchronized (store) {
            NotionStore.FileUpload upload = store.uploads.get(id);
            if (upload == null || !upload.token.equals(token)) {
                throw NotionError.notFound("file upload", id);
            }
            if (!upload.mode.equals("multi_part")) {
                throw NotionError.validation("File upload " + id + " is not a multi_part upload; only those are completed.");
            }
            if (!upload.status.equals("pending")) {
                throw NotionError.validation("File upload " + id + " is " + upload.status + ", not pending.");
            }
            if (upload.parts.size() != upload.numberOfParts) {
                throw NotionError.validation("File upload " + id + " has " + upload.parts.size() + " of its " + upload.numberOfParts
                        + " parts; send them all before completing it.");
            }
            MessageDigest digest = sha256Digest();
            long length = 0;
            for (byte[] part : upload.parts.values()) {
                digest.update(part);
                length += part.length;
            }
            upload.parts.clear();
            upload.status = "uploaded";
            upload.contentLength = length;
            upload.sha256 = HexFormat.of().formatHex(digest.digest());
            return uploadJson(upload);
        }
    }

    @POST
    @Path("file_uploads/{id}/send")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public JsonNode sendFileUpload(@PathParam("id") String id, @RestForm("file") FileUpload file, @RestForm("part_number") String partNumber) {
        String token = gate.enter(headers, request, uri);
        if (file == null) {
            throw NotionError.validation("body failed validation: the multipart body should have a part named `file`.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > 20L * 1024 * 1024) {
            throw NotionError.validation("The file is larger than 20MB; single-part uploads are limited to 20MB.");
        }
        synchronized (store) {
            NotionStore.FileUpload upload = store.uploads.get(id);
            if (upload == null || !upload.token.equals(token)) {
                throw NotionError.notFound("file upload", id);
            }
            if (!upload.status.equals("pending")) {
                throw NotionError.validation("File upload " + id + " is " + upload.status + ", not pending.");
            }
            if (upload.mode.equals("multi_part")) {
                int part;
                try {
                    part = Integer.parseInt(String.valueOf(partNumber).trim());
                } catch (NumberFormatException e) {
                    throw NotionError.validation("body failed validation: part_number should be defined for a multi_part upload.");
                }
                if (part < 1 || part > upload.numberOfParts) {
                    throw NotionError.validation("part_number " + part + " is outside 1.." + upload.numberOfParts + ".");
                }
                if (part < upload.numberOfParts && bytes.length < 5L * 1024 * 1024) {
                    throw NotionError.validation("Part " + part + " has " + bytes.length + " bytes; every part but the last must be at least 5MB.");
                }
                upload.parts.put(part, bytes); // a part sent again replaces the earlier one, as Notion does
                return uploadJson(upload);
            }
            upload.status = "uploaded";
            upload.contentLength = bytes.length;
            upload.sha256 = sha256(bytes);
            return uploadJson(upload);
        }
    }

    @GET
    @Path("file_uploads/{id}")
    public JsonNode retrieveFileUpload(@PathParam("id") String id) {
        String token = gate.enter(headers, request, uri);
        synchronized (store) {
            NotionStore.FileUpload upload = store.uploads.get(id);
            if (upload == null || !upload.token.equals(token)) {
                throw NotionError.notFound("file upload", id);
            }
            return uploadJson(upload);
        }
    }

    ObjectNode uploadJson(NotionStore.FileUpload upload) {
        ObjectNode out = NotionStore.JSON.objectNode();
        out.put("object", "file_upload");
        out.put("id", upload.id);
        out.put("status", upload.status);
        out.put("filename", upload.filename);
        out.put("content_type", upload.contentType);
        out.put("content_length", upload.contentLength);
        out.put("expiry_time", upload.expiry.toString());
        if (upload.mode.equals("multi_part")) {
            out.put("number_of_parts", NotionStore.JSON.objectNode().put("total", upload.numberOfParts).put("sent", upload.parts.size()));
        }
        out.put("upload_url", uri.getBaseUriBuilder().path("notion/v1/file_uploads/" + upload.id + "/send").build().toString());
        return out;
    }

    private JsonNode parse(String raw) {
        try {
            JsonNode node = mapper.readTree(raw == null ? "" : raw);
            if (node == null || !node.isObject()) {
                throw new NotionError(400, "invalid_json", "Error parsing JSON body.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new NotionError(400, "invalid_json", "Error parsing JSON body.");
        }
    }

    private static String propertyType(JsonNode value) {
        if (value.has("type") && NotionStore.PROPERTY_TYPES.contains(value.get("type").asText())) {
            return value.get("type").asText();
        }
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (NotionStore.PROPERTY_TYPES.contains(key)) {
                return key;
            }
        }
        return null;
    }

    /** Page property values checked against the database schema, as Notion stores them. */
    private ObjectNode checkedProperties(NotionStore.Database db, JsonNode properties) {
        ObjectNode out = NotionStore.JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            ObjectNode schema = db.properties.get(name);
            if (schema == null) {
                schema = db.properties.values().stream().filter(s -> s.path("id").asText().equals(name)).findFirst().orElse(null);
            }
            if (schema == null) {
                throw NotionError.validation(name + " is not a property that exists.");
            }
            String expected = schema.path("type").asText();
            String given = propertyType(entry.getValue());
            if (!expected.equals(given)) {
                throw NotionError.validation(name + " is expected to be " + expected + ".");
            }
            JsonNode value = entry.getValue().get(given).deepCopy();
            switch (given) {
                case "title", "rich_text" -> NotionJson.completeRichText(value);
                case "url" -> {
                    if (value.asText("").length() > 2000) {
                        throw NotionError.validation("body failed validation: body.properties." + name + ".url.length should be ≤ `2000`.");
                    }
                }
                case "multi_select" -> {
                    if (value.size() > 100) {
                        throw NotionError.validation("body failed validation: body.properties." + name + ".multi_select.length should be ≤ `100`.");
                    }
                    for (JsonNode option : value) {
                        addOption(schema, given, option);
                    }
                }
                case "select" -> {
                    if (value.isObject()) {
                        addOption(schema, given, value);
                    }
                }
                case "date" -> {
                    if (value.isObject() && !value.has("end")) {
                        ((ObjectNode) value).putNull("end");
                        ((ObjectNode) value).putNull("time_zone");
                    }
                }
                default -> {
                }
            }
            ObjectNode stored = NotionStore.JSON.objectNode();
            stored.put("id", schema.path("id").asText());
            stored.put("type", given);
            stored.set(given, value);
            out.set(schema.path("name").asText(), stored);
        }
        return out;
    }

    private static void addOption(ObjectNode schema, String type, JsonNode option) {
        String optionName = option.path("name").asText(null);
        if (optionName == null) {
            return;
        }
        if (optionName.contains(",") && type.equals("multi_select")) {
            throw NotionError.validation("Multi-select option names cannot contain commas: " + optionName);
        }
        ArrayNode options = schema.with(type).withArray("options");
        for (JsonNode existing : options) {
            if (existing.path("name").asText().equals(optionName)) {
                if (option instanceof ObjectNode o) {
                    o.put("id", existing.path("id").asText());
                    o.put("color", existing.path("color").asText("default"));
                }
                return;
            }
        }
        ObjectNode added = options.addObject();
        added.put("id", java.util.UUID.randomUUID().toString().substring(0, 8));
        added.put("name", optionName);
        added.put("color", option.path("color").asText("default"));
        if (option instanceof ObjectNode o) {
            o.put("id", added.path("id").asText());
            o.put("color", added.path("color").asText());
        }
    }

    private boolean matches(NotionStore.Database db, NotionStore.Page page, JsonNode filter) {
        if (filter.isMissingNode() || filter.isNull() || filter.isEmpty()) {
            return true;
        }
        if (filter.has("and")) {
            for (JsonNode part : filter.get("and")) {
                if (!matches(db, page, part)) {
                    return false;
                }
            }
            return true;
        }
        if (filter.has("or")) {
            for (JsonNode part : filter.get("or")) {
                if (matches(db, page, part)) {
                    return true;
                }
            }
            return false;
        }
        String property = filter.path("property").asText(null);
        ObjectNode schema = property == null ? null : db.properties.get(property);
        if (schema == null) {
            throw NotionError.validation("Could not find property with name or id: " + property);
        }
        String type = schema.path("type").asText();
        JsonNode condition = filter.get(type);
        if (condition == null && (type.equals("title") || type.equals("rich_text"))) {
            condition = filter.has("rich_text") ? filter.get("rich_text") : filter.get("title");
        }
        if (condition == null || !condition.has("equals")) {
            throw NotionError.validation("body failed validation: this emulator filters by `" + type + ".equals` only.");
        }
        JsonNode value = page.properties.path(property).path(type);
        String actual = switch (type) {
            case "title", "rich_text" -> NotionJson.plainText(value);
            case "select" -> value.path("name").asText(null);
            default -> value.isMissingNode() || value.isNull() ? null : value.asText();
        };
        return condition.get("equals").asText().equals(actual);
    }

    private NotionStore.Block block(String token, String id) {
        NotionStore.Block block = store.blocks.get(NotionStore.normalize(id));
        if (block == null || !block.token.equals(token)) {
            throw NotionError.notFound("block", id);
        }
        return block;
    }

    private List<String> childrenOf(String token, String id) {
        NotionStore.Page page = store.pages.get(NotionStore.normalize(id));
        if (page != null && page.token.equals(token)) {
            return page.children;
        }
        return block(token, id).children;
    }

    private static String blockType(JsonNode child) {
        if (child.has("type")) {
            return child.get("type").asText();
        }
        for (Iterator<String> it = child.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (BLOCK_TYPES.contains(key)) {
                return key;
            }
        }
        return null;
    }

    /** Checks block types and the file uploads image blocks refer to, before anything is written. */
    private void checkBlocks(String token, JsonNode children) {
        if (!children.isArray()) {
            return;
        }
        for (JsonNode child : children) {
            String type = blockType(child);
            if (type == null || !BLOCK_TYPES.contains(type) || !child.path(type).isObject()) {
                throw NotionError.validation("body failed validation: a child block has no known type (" + type + ").");
            }
            JsonNode content = child.get(type);
            if (FILE_BLOCK_TYPES.contains(type)) {
                String kind = content.path("type").asText(content.has("file_upload") ? "file_upload" : content.has("external") ? "external" : "");
                if (kind.equals("file_upload")) {
                    String uploadId = content.path("file_upload").path("id").asText();
                    NotionStore.FileUpload upload = store.uploads.get(uploadId);
                    if (upload == null || !upload.token.equals(token)) {
                        throw NotionError.validation("Could not find file upload with ID: " + uploadId + ".");
                    }
                    if (!upload.status.equals("uploaded")) {
                        throw NotionError.validation("File upload " + uploadId + " is " + upload.status + ", it must be uploaded before use.");
                    }
                } else if (!kind.equals("external")) {
                    throw NotionError.validation("body failed validation: " + type + " blocks need `external` or `file_upload`.");
                }
            }
            if (type.equals("bookmark") || type.equals("embed")) {
                String url = content.path("url").asText("");
                if (url.isEmpty()) {
                    throw NotionError.validation("body failed validation: " + type + ".url should be defined.");
                }
                if (url.length() > NotionValidator.MAX_TEXT) {
                    throw NotionError.validation("body failed validation: " + type + ".url.length should be ≤ `2000`, instead was `" + url.length() + "`.");
                }
            }
            checkBlocks(token, content.path("children"));
            checkBlocks(token, child.path("children"));
        }
    }

    private List<NotionStore.Block> createBlocks(String token, String parentId, List<String> siblings, JsonNode children) {
        List<NotionStore.Block> created = new ArrayList<>();
        if (!children.isArray()) {
            return created;
        }
        for (JsonNode child : children) {
            String type = blockType(child);
            ObjectNode content = ((ObjectNode) child.get(type)).deepCopy();
            JsonNode nested = content.remove("children");
            if (nested == null) {
                nested = child.get("children");
            }
            NotionJson.completeRichText(content.get("rich_text"));
            NotionJson.completeRichText(content.get("caption"));
            if (FILE_BLOCK_TYPES.contains(type) && content.has("file_upload")) {
                NotionStore.FileUpload upload = store.uploads.get(content.path("file_upload").path("id").asText());
                content.remove("file_upload");
                content.put("type", "file");
                content.putObject("file").put("url", "https://files.notion-emulator.invalid/" + upload.id + "/" + upload.filename)
                        .put("expiry_time", upload.expiry.toString())
                        .put("file_upload_id", upload.id);
                upload.status = "attached";
            }
            NotionStore.Block block = new NotionStore.Block(token, parentId, type, content);
            store.blocks.put(block.id, block);
            siblings.add(block.id);
            created.add(block);
            if (nested != null) {
                createBlocks(token, block.id, block.children, nested);
            }
        }
        return created;
    }

    private static ObjectNode paginate(List<JsonNode> items, String cursor, int pageSize, String type) {
        int size = Math.max(1, Math.min(pageSize, 100));
        if (pageSize == Integer.MAX_VALUE) {
            size = items.size();
        }
        int start = 0;
        if (cursor != null) {
            try {
                start = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                throw NotionError.validation("body failed validation: start_cursor should be a valid cursor.");
            }
        }
        int end = Math.min(items.size(), start + size);
        ObjectNode out = NotionStore.JSON.objectNode();
        out.put("object", "list");
        ArrayNode results = out.putArray("results");
        items.subList(Math.min(start, items.size()), end).forEach(results::add);
        if (end < items.size()) {
            out.put("next_cursor", Integer.toString(end));
            out.put("has_more", true);
        } else {
            out.putNull("next_cursor");
            out.put("has_more", false);
        }
        out.put("type", type);
        out.putObject(type);
        return out;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
