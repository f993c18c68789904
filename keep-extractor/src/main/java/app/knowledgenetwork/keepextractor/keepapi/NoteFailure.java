package app.knowledgenetwork.keepextractor.keepapi;

/**
 * A note the Keep API listed but this extraction could not take: it is left out whole (never half)
 * and reported instead.
 *
 * @param noteId    the note's id ({@code notes/{id}} without the prefix), or its raw name when unreadable
 * @param reason    what went wrong, e.g. an attachment over the size limit or a download the API kept refusing
 * @param retryable true when the cause may pass (the API failed or was overloaded): the response's watermark
 *                  then stays at or before the note, so the next run reads it again; false when only a change
 *                  of the note itself can help (it is read again once it changes)
 */
public record NoteFailure(String noteId, String reason, boolean retryable) {
}
