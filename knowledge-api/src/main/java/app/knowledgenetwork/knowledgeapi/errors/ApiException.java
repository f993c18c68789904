package app.knowledgenetwork.knowledgeapi.errors;

/**
 * A refusal the caller is meant to read: its message is shown, and its subclass's {@code @ErrorCode} becomes
 * {@code extensions.code}. A reason, when given, becomes {@code extensions.reason}: a stable, machine-readable
 * detail of the code (e.g. FORBIDDEN because MFA_REQUIRED). Stack traces are never part of a response.
 */
public abstract class ApiException extends RuntimeException {
    private final String reason;

    protected ApiException(String message) {
        this(message, null);
    }

    protected ApiException(String message, String reason) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The extensions.reason of the error, or null. */
    public String reason() {
        return reason;
    }
}
