package app.knowledgenetwork.keepextractor.attachments;

import app.knowledgenetwork.common.notes.Attachment;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Puts attachment bytes into S3 under {@code jobs/{jobId}/...}, server-side encrypted. The bytes come
 * from memory (a bounded buffer of one attachment), never from the pod's disk; the bucket's lifecycle
 * rule expires the job prefix after seven days.
 */
@ApplicationScoped
public class AttachmentStore {

    /** No server-side encryption header: only for S3-compatible servers that refuse it (S3Proxy 2.7 answers 501). */
    public static final String NONE = "none";
    private static final Logger LOG = Logger.getLogger(AttachmentStore.class);
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final S3Client s3;
    private final String bucket;
    private final AttachmentStoreConfig config;

    public AttachmentStore(S3Client s3, @ConfigProperty(name = "kn.s3.bucket") String bucket, AttachmentStoreConfig config) {
        this.s3 = s3;
        this.bucket = bucket;
        this.config = config;
    }

    void validate(@Observes StartupEvent event) {
        String sse = config.serverSideEncryption();
        if (!sse.equals(ServerSideEncryption.AES256.toString()) && !sse.equals(ServerSideEncryption.AWS_KMS.toString()) && !sse.equals(NONE)) {
            throw new IllegalStateException("kn.attachments.server-side-encryption (ATTACHMENTS_SSE) must be AES256, aws:kms or none, was '"
                    + sse + "'");
        }
        if (sse.equals(NONE)) {
            LOG.warn("Attachments are uploaded WITHOUT server-side encryption (ATTACHMENTS_SSE=none): only for S3 servers that refuse the header");
        }
    }

    /** Refuses a job id that could escape its prefix or is not a plain token. */
    public static String requireValidJobId(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("jobId must be 1-128 characters of letters, digits, '.', '_' or '-' (starting with a letter or digit), was '"
                    + jobId + "'");
        }
        return jobId;
    }

    /** The S3 key of a file of a job: {@code jobs/{jobId}/{path}}. */
    public static String key(String jobId, String path) {
        return "jobs/" + requireValidJobId(jobId) + "/" + path;
    }

    /** Uploads the bytes (encrypted at rest) and describes them as a note attachment. */
    public Attachment put(String key, String fileName, String mimeType, byte[] bytes) {
        s3.putObject(putRequest(bucket, key, mimeType, config), RequestBody.fromBytes(bytes));
        return new Attachment(fileName, mimeType, key, sha256(bytes), bytes.length);
    }

    /** The upload request, with the configured server-side encryption. */
    static PutObjectRequest putRequest(String bucket, String key, String mimeType, AttachmentStoreConfig config) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType(mimeType);
        String sse = config.serverSideEncryption();
        if (!sse.equals(NONE)) {
            request.serverSideEncryption(sse);
        }
        if (sse.equals(ServerSideEncryption.AWS_KMS.toString())) {
            config.kmsKeyId().filter(id -> !id.isBlank()).ifPresent(request::ssekmsKeyId);
        }
        return request.build();
    }

    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
