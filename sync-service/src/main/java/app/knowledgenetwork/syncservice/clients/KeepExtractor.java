package app.knowledgenetwork.syncservice.clients;

/** keep-extractor as the sync sees it. */
public interface KeepExtractor {

    /**
     * Reads the notes of the Keep API changed since the watermark (all notes when it is null), their
     * attachments copied to S3 under the job's prefix.
     *
     * @throws ConnectorFailure when keep-extractor refuses or cannot be reached
     */
    Extraction extract(String jobId, KeepCredentials credentials, String watermark);

    /**
     * Reads the given Keep API notes again, their attachments copied to S3 again under the job's prefix
     * (for notes whose files the bucket's lifecycle removed before they were written).
     *
     * @throws ConnectorFailure when keep-extractor refuses or cannot be reached
     */
    Extraction readNotes(String jobId, KeepCredentials credentials, java.util.List<String> noteIds);

    /**
     * Deletes attachments from S3 (their notes are written, or need no write).
     *
     * @throws ConnectorFailure when keep-extractor refuses or cannot be reached
     */
    void deleteAttachments(java.util.List<String> keys);

    /**
     * Stores an uploaded Google Takeout archive of Keep in S3 under the job's key, streamed through as it
     * arrives (nothing on disk here or there); answers its size.
     *
     * @throws ConnectorFailure when keep-extractor refuses (413: over its archive limit) or cannot be reached
     */
    long storeTakeout(String jobId, java.io.InputStream archive);

    /**
     * Reads the job's stored Takeout archive from S3; as often as needed (a task done again reads it again).
     *
     * @throws ConnectorFailure when keep-extractor refuses (404: the archive expired) or cannot be reached
     */
    TakeoutResult importStoredTakeout(String jobId);
}
