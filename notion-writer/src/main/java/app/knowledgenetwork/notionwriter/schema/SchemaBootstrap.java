package app.knowledgenetwork.notionwriter.schema;

import app.knowledgenetwork.notionwriter.notion.NotionApi;
import app.knowledgenetwork.notionwriter.notion.NotionFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Makes a database fit for notes: adds the properties it lacks in one update, and refuses — before
 * writing anything — a database where a property of the same name has another type, because
 * changing its type would destroy the user's data in that column.
 */
public final class SchemaBootstrap {

    private final NotionApi api;

    public SchemaBootstrap(NotionApi api) {
        this.api = api;
    }

    /**
     * Reads the database and tells, without changing it, whether notes can be written into it: the
     * properties a first write would add, and the ones whose type conflicts. Notion's refusal to show
     * the database (unknown token, not shared, not a database) surfaces as a {@link NotionFailure}.
     */
    public DatabaseCheck check(String databaseId) {
        JsonNode database = api.retrieveDatabase(databaseId);
        JsonNode properties = database.path("properties");
        List<String> missing = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        NoteProperties.REQUIRED.forEach((name, type) -> {
            JsonNode existing = properties.get(name);
            if (existing == null) {
                missing.add(name);
            } else if (!existing.path("type").asText().equals(type)) {
                conflicts.add("property \"" + name + "\" has type " + existing.path("type").asText() + " but Keep notes need " + type);
            }
        });
        StringBuilder title = new StringBuilder();
        database.path("title").forEach(part -> title.append(part.path("plain_text").asText("")));
        return new DatabaseCheck(databaseId, title.toString(), missing, conflicts);
    }

    public DatabaseSchema ensure(String databaseId) {
        JsonNode database = api.retrieveDatabase(databaseId);
        JsonNode properties = database.path("properties");
        String title = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (property.getValue().path("type").asText().equals("title")) {
                title = property.getKey();
            }
        }
        List<String> conflicts = new ArrayList<>();
        ObjectNode missing = JsonNodeFactory.instance.objectNode();
        NoteProperties.REQUIRED.forEach((name, type) -> {
            JsonNode existing = properties.get(name);
            if (existing == null) {
                missing.putObject(name).putObject(type);
            } else if (!existing.path("type").asText().equals(type)) {
                conflicts.add("property \"" + name + "\" has type " + existing.path("type").asText() + " but Keep notes need " + type);
            }
        });
        if (!conflicts.isEmpty()) {
            throw new IncompatibleDatabaseException("Notion database " + databaseId + " cannot take Keep notes: "
                    + String.join("; ", conflicts) + ". Rename or remove those properties, or choose another database.");
        }
        if (title == null) {
            // Notion always has one; an emulator or a future API might not.
            title = "Name";
            missing.putObject(title).putObject("title");
        }
        if (!missing.isEmpty()) {
            ObjectNode update = JsonNodeFactory.instance.objectNode();
            update.set("properties", missing);
            api.updateDatabase(databaseId, update);
        }
        return new DatabaseSchema(databaseId, title);
    }
}
