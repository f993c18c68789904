package app.knowledgenetwork.syncservice.clients;

import app.knowledgenetwork.common.notes.Note;
import java.util.List;

/**
 * What keep-extractor read from a Takeout archive: the notes that went through, and a line for every
 * note file (IMPORTED, or REJECTED with its reason) and every file or archive part not read (SKIPPED).
 */
public record TakeoutResult(List<Note> notes, List<ReportLine> report) {

    public TakeoutResult {
        notes = notes == null ? List.of() : notes;
        report = report == null ? List.of() : report;
    }

    public record ReportLine(String file, String status, String reason) {
    }
}
