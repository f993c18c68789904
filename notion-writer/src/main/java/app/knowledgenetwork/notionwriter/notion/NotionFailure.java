package app.knowledgenetwork.notionwriter.notion;

/**
 * Notion refused a request for good (after any retries): its HTTP status, Notion's error code and
 * message, e.g. 400 {@code validation_error} "body.children[0]... should be ≤ 2000".
 */
public class NotionFailure extends RuntimeException {

    private final int status;
    private final String code;

    public NotionFailure(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** A request Notion will refuse however often it is sent (400 validation_error and the like). */
    public boolean isPermanent() {
        return status >= 400 && status < 500 && status != 409 && status != 429;
    }

    /** For a note's failure reason: "Notion 400 validation_error: ...". */
    public String describe() {
        return "Notion " + status + " " + code + ": " + getMessage();
    }
}
