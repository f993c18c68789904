package app.knowledgenetwork.syncservice.clients;

/**
 * A page already written for a note, as notion-writer takes it.
 *
 * @param contentHash the hash last written there; null makes the writer compare the page with the note
 *                    (a full resync repairs pages edited in Notion)
 */
public record KnownPage(String pageId, String contentHash) {
}
