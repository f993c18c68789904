package app.knowledgenetwork.keepextractor.keepapi;

/** The request's credentials cannot be used (missing, malformed, or refused by Google's token endpoint). */
public class InvalidCredentialsException extends RuntimeException {
    public InvalidCredentialsException(String message) {
        super(message);
    }
}
