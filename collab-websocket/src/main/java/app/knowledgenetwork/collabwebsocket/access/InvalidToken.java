package app.knowledgenetwork.collabwebsocket.access;

/** A token that proves nothing: the message says why (expired, bad signature, wrong issuer, malformed). */
public final class InvalidToken extends Exception {
    public InvalidToken(String message) {
        super(message, null, false, false);
    }
}
