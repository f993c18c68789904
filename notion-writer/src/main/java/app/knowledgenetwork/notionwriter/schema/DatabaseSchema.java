package app.knowledgenetwork.notionwriter.schema;

/** A database checked (and completed) for notes: what its title property is called. */
public record DatabaseSchema(String databaseId, String titleProperty) {
}
