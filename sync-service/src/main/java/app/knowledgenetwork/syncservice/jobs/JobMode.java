package app.knowledgenetwork.syncservice.jobs;

/** What a job reads and writes. */
public enum JobMode {
    /** The notes changed since the connection's watermark; unchanged content costs no Notion request. */
    INCREMENTAL,
    /** Every note, and every page compared with its note and repaired where it differs. */
    FULL,
    /** Only the failed notes of an earlier job, written again from what that job extracted. */
    RETRY
}
