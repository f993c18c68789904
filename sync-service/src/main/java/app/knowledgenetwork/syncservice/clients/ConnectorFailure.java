package app.knowledgenetwork.syncservice.clients;

/**
 * A connector (keep-extractor or notion-writer) refused a request or could not be reached.
 *
 * @see #retryable()
 */
public class ConnectorFailure extends RuntimeException {

    private final int status;
    private final String title;

    public ConnectorFailure(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    /** 0 when the connector did not answer at all. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Unreachable, overloaded or failing on its side: the same request may succeed later. */
    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500 && status != 501;
    }

    public String describe() {
        return (status == 0 ? "unreachable" : "HTTP " + status) + " " + title + ": " + getMessage();
    }
}
