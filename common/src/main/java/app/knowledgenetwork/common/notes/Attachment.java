package app.knowledgenetwork.common.notes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * A file of a note, copied to S3 by keep-extractor and read from there by notion-writer.
 *
 * @param fileName  original file name, for the Notion upload
 * @param mimeType  media type ({@code image/png}, ...)
 * @param s3Key     object key in the attachments bucket (under a job-scoped prefix)
 * @param sha256    hex SHA-256 of the bytes: identifies the content whatever the key
 * @param sizeBytes size in bytes
 */
public record Attachment(String fileName, String mimeType, String s3Key, String sha256, long sizeBytes) {
    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(s3Key, "s3Key");
        Objects.requireNonNull(sha256, "sha256");
    }

    @JsonIgnore
    public boolean isImage() {
        return mimeType.startsWith("image/");
    }
}
