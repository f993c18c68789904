package app.knowledgenetwork.notionwriter.schema;

/**
 * @param databaseId the Notion database to check
 * @param token      the integration token to check it with; absent: the service's own NOTION_TOKEN
 */
public record DatabaseCheckRequest(String databaseId, String token) {
}
