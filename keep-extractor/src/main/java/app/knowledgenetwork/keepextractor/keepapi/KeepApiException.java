package app.knowledgenetwork.keepextractor.keepapi;

/** The Keep API refused a request, or kept failing after every retry. */
public class KeepApiException extends RuntimeException {

    private final int httpStatus;
    private final String googleStatus;

    public KeepApiException(int httpStatus, String googleStatus, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.googleStatus = googleStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Google's canonical status ({@code INVALID_ARGUMENT}, {@code ABORTED}, ...), or empty when unknown. */
    public String googleStatus() {
        return googleStatus;
    }

    public boolean retryable() {
        return "ABORTED".equals(googleStatus) || httpStatus == 429 || httpStatus >= 500;
    }
}
