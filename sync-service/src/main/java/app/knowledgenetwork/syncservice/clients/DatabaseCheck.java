package app.knowledgenetwork.syncservice.clients;

import java.util.List;

/** notion-writer's check of a Notion database: its title and the properties a first write adds. */
public record DatabaseCheck(String databaseId, String title, List<String> missingProperties, List<String> conflicts) {
}
