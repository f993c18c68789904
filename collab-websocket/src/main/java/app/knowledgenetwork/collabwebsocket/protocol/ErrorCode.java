package app.knowledgenetwork.collabwebsocket.protocol;

/** Codes of the {@code error} message: the request is refused, the connection stays open. */
public enum ErrorCode {
    /** A message the server cannot read, or a field missing or of the wrong kind. */
    BAD_MESSAGE,
    /** A message that needs a joined session came before {@code joined}. */
    NOT_JOINED,
    /** The caller's role (VIEWER, COMMENTER) or the document's state (archived) does not allow edits. */
    READ_ONLY,
    /** The operation is not a valid ot-text-unicode operation, or does not fit the document. */
    INVALID_OP,
    /** The operation is made against a version the server no longer keeps operations for: join again. */
    VERSION_TOO_OLD,
    /** The operation is made against a version the document has not reached. */
    VERSION_AHEAD,
    /** The operation would make the document longer than allowed. */
    DOCUMENT_TOO_LARGE,
    /** More operations per second than allowed: resubmit later. */
    RATE_LIMITED,
    /** Redis did not answer: the operation was not applied, resubmit it. */
    UNAVAILABLE
}
