package app.knowledgenetwork.keepextractor.takeout;

import app.knowledgenetwork.common.notes.Note;
import java.util.List;

/**
 * The outcome of one archive: the notes that went through (attachments in S3) and a report line for
 * every note file plus every file or archive part that could not be read.
 */
public record TakeoutImport(String jobId, int imported, int rejected, List<Note> notes, List<TakeoutReportEntry> report) {
}
