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
     * Reads a Google Takeout archive of Keep, streamed through as it arrives (nothing stored on disk).
     *
     * @throws ConnectorFailure when keep-extractor refuses or cannot be reached
     */
    TakeoutResult importTakeout(String jobId, java.io.InputStream archive);
}
