package app.knowledgenetwork.notionwriter.writes;

import java.util.List;

/**
 * @param results        one per note, in the request's order
 * @param notionRequests requests sent to Notion for this batch, retries included
 */
public record WriteResponse(List<NoteWriteResult> results, long notionRequests) {
}
