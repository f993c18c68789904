package app.knowledgenetwork.notionwriter.notion;

/**
 * A request that changes something reached Notion, but no answer says whether it took effect: the
 * answer did not come within the request timeout, the connection dropped after sending, or Notion
 * answered 500, 502, 503 or 504 (Notion answers 503 also for a request that ran past its time limit).
 * Sending a page create or a block append again blindly could write it twice, so the caller first
 * looks at what Notion now holds.
 */
public class NotionOutcomeUnknown extends NotionFailure {

    public NotionOutcomeUnknown(int status, String code, String message) {
        super(status, code, message);
    }
}
