package app.knowledgenetwork.syncservice.connections;

/** Where a connection's notes come from. */
public enum SourceType {
    /** The Keep API v1 (Workspace accounts), read by keep-extractor. */
    KEEP_API,
    /** Google Takeout archives the user uploads. */
    TAKEOUT
}
