package app.knowledgenetwork.common.secrets;

/** A sealed secret that cannot be opened: another key, another context, or altered bytes. */
public class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
