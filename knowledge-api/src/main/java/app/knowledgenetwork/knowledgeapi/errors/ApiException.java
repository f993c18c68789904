package app.knowledgenetwork.knowledgeapi.errors;

/**
 * A refusal the caller is meant to read: its message is shown, and its subclass's {@code @ErrorCode} becomes
 * {@code extensions.code}. Stack traces are never part of a response.
 */
public abstract class ApiException extends RuntimeException {
    protected ApiException(String message) {
        super(message, null, false, false);
    }
}
