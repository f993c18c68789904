package app.knowledgenetwork.notionwriter.schema;

import java.util.List;

/**
 * Whether Keep notes can be written into a Notion database, found without changing it.
 *
 * @param databaseId        the database
 * @param title             its title as Notion shows it
 * @param missingProperties properties the first write adds (harmless)
 * @param conflicts         properties of a needed name but another type; writes are refused while any remain
 */
public record DatabaseCheck(String databaseId, String title, List<String> missingProperties, List<String> conflicts) {

    public boolean writable() {
        return conflicts.isEmpty();
    }
}
