package app.knowledgenetwork.common.notes;

/** Where a note was read from. */
public enum NoteSource {
    /** The official Google Keep API v1 (Workspace accounts). */
    KEEP_API,
    /** A Google Takeout export of Keep (any account). */
    TAKEOUT
}
