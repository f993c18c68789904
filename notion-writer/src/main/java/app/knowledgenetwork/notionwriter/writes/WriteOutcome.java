package app.knowledgenetwork.notionwriter.writes;

/** What happened to one note. */
public enum WriteOutcome {
    /** A new page was created. */
    CREATED,
    /** The note's existing page got its new properties and content. */
    UPDATED,
    /** The note is trashed in Keep; its page was archived. */
    ARCHIVED,
    /** Nothing to write: the page already shows this content, or a trashed note never had a page. */
    UNCHANGED,
    /** Not written; the reason says why. */
    FAILED
}
