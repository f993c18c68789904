package app.knowledgenetwork.keepextractor.takeout;

import app.knowledgenetwork.keepextractor.attachments.AttachmentStore;
import app.knowledgenetwork.keepextractor.attachments.AttachmentStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Uploaded Takeout archives, kept in S3 under {@code takeouts/{jobId}/archive.zip} before anything is
 * extracted from them: the upload ends as soon as the archive is stored, and the extraction reads it
 * from S3, so a sync job whose worker died mid-extraction reads it again instead of losing the upload.
 * The bucket's lifecycle rule removes it after seven days, like the attachments. The archive passes
 * through one part buffer in memory ({@link #PART_BYTES}) on its way, never through the pod's disk.
 */
@ApplicationScoped
public class TakeoutArchives {

    /** S3's multipart parts are at least 5 MiB (but the last); archives up to one part are one PUT. */
    static final int PART_BYTES = 8 * 1024 * 1024;

    /** What was stored. */
    public record StoredArchive(String jobId, String key, long sizeBytes) {
    }

    private final S3Client s3;
    private final String bucket;
    private final AttachmentStoreConfig encryption;
    private final TakeoutConfig limits;

    public TakeoutArchives(S3Client s3, @ConfigProperty(name = "kn.s3.bucket") String bucket, AttachmentStoreConfig encryption,
            TakeoutConfig limits) {
        this.s3 = s3;
        this.bucket = bucket;
        this.encryption = encryption;
        this.limits = limits;
    }

    public static String key(String jobId) {
        return "takeouts/" + AttachmentStore.requireValidJobId(jobId) + "/archive.zip";
    }

    /**
     * Stores the upload; an archive over {@code TAKEOUT_MAX_ARCHIVE_BYTES} is refused (and nothing of it
     * kept). A failed multipart upload is aborted (the lifecycle rule also aborts forgotten ones after a day).
     */
    public StoredArchive store(String jobId, InputStream upload) {
        String key = key(jobId);
        try {
            byte[] first = upload.readNBytes(PART_BYTES);
            if (first.length < PART_BYTES) {
                s3.putObject(AttachmentStore.putRequest(bucket, key, "application/zip", encryption), RequestBody.fromBytes(first));
                return new StoredArchive(jobId, key, first.length);
            }
            String uploadId = s3.createMultipartUpload(multipart(key)).uploadId();
            try {
                List<CompletedPart> parts = new ArrayList<>();
                long size = 0;
                byte[] part = first;
                while (part.length > 0) {
                    size += part.length;
                    if (size > limits.maxArchiveBytes()) {
                        throw new ArchiveLimitExceeded("the archive is larger than the limit of " + limits.maxArchiveBytes() + " bytes");
                    }
                    int number = parts.size() + 1;
                    byte[] body = part;
                    String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                            RequestBody.fromBytes(body)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                    part = upload.readNBytes(PART_BYTES);
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
                return new StoredArchive(jobId, key, size);
            } catch (RuntimeException | IOException e) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the upload was interrupted", e);
        }
    }

    /** The stored archive as a stream; empty when there is none (never stored, or expired by the lifecycle rule). */
    public Optional<InputStream> open(String jobId) {
        String key = key(jobId);
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public void delete(String jobId) {
        s3.deleteObject(b -> b.bucket(bucket).key(key(jobId)));
    }

    private CreateMultipartUploadRequest multipart(String key) {
        CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(bucket).key(key).contentType("application/zip");
        String sse = encryption.serverSideEncryption();
        if (!AttachmentStore.bucketDefault(sse)) {
            request.serverSideEncryption(sse);
            if (sse.equals(ServerSideEncryption.AWS_KMS.toString())) {
                encryption.kmsKeyId().filter(id -> !id.isBlank()).ifPresent(request::ssekmsKeyId);
            }
        }
        return request.build();
    }
}
