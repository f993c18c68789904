package app.knowledgenetwork.collabwebsocket.protocol;

import io.quarkus.websockets.next.CloseReason;

/** Why the server closes a collaboration socket: the codes of docs/collab-protocol.md. */
public enum CloseCode {
    /** A message that is not JSON, of an unknown type, or a protocol version the server does not speak. */
    BAD_REQUEST(4400, "bad request"),
    /** No valid token: missing, malformed, wrongly signed, from another issuer, or expired (also mid-session). */
    UNAUTHENTICATED(4401, "unauthenticated"),
    /** Not a member of the document's workspace (any more), or the account is disabled. */
    FORBIDDEN(4403, "forbidden"),
    /** No such document, or it was trashed or purged. */
    NOT_FOUND(4404, "document not found"),
    /** No auth message in time, or nothing heard from the client for too long. */
    TIMEOUT(4408, "timeout"),
    /** The document's live state was reset (Redis lost it): join again and resubmit what was not acknowledged. */
    RESET(4409, "live state reset: join again"),
    /** The document already has as many clients as allowed. */
    TOO_MANY_CLIENTS(4429, "too many clients on this document"),
    /** The client did not read what was sent to it fast enough. */
    TOO_SLOW(4509, "client too slow to read"),
    /** The server cannot serve the document now (Redis or PostgreSQL away at join); retry with backoff. */
    UNAVAILABLE(4503, "temporarily unavailable"),
    /** The server is shutting down: reconnect (to another replica). */
    GOING_AWAY(1001, "server going away");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public CloseReason reason(String detail) {
        String text = detail == null ? reason : reason + ": " + detail;
        // A close frame's reason is at most 123 bytes.
        while (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            text = text.substring(0, text.length() - 1);
        }
        return new CloseReason(code, text);
    }
}
