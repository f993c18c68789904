package app.knowledgenetwork.keepextractor.takeout;

/**
 * What happened to one file of the archive.
 *
 * @param file   the entry's path in the archive, or {@code (archive)} for the archive as a whole
 * @param status IMPORTED (a note that went through), REJECTED (a note that did not), SKIPPED (a
 *               file or the rest of the archive that was not read)
 * @param reason why, for REJECTED and SKIPPED; empty for IMPORTED
 */
public record TakeoutReportEntry(String file, Status status, String reason) {

    public static final String ARCHIVE = "(archive)";

    public enum Status {
        IMPORTED, REJECTED, SKIPPED
    }
}
