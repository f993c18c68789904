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

    /** For a note's failure reason: "Notion 400 validation_error: ...". */
    public String describe() {
        return "Notion " + status + " " + code + ": " + getMessage();
    }
}
