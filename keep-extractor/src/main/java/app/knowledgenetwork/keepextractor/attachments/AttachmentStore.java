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

    /**
     * No encryption header: the bucket's default encryption applies (the platform's bucket: SSE-KMS with its
     * own key, and its policy refuses any other header; every S3 bucket encrypts with at least SSE-S3). The
     * default, because it is also what S3-compatible servers accept (S3Proxy 2.7 answers 501 to the header).
     */
    public static final String BUCKET_DEFAULT = "bucket-default";
    /** The former name of {@link #BUCKET_DEFAULT}, still accepted. */
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
        if (!sse.equals(ServerSideEncryption.AES256.toString()) && !sse.equals(ServerSideEncryption.AWS_KMS.toString())
                && !bucketDefault(sse)) {
            throw new IllegalStateException("kn.attachments.server-side-encryption (ATTACHMENTS_SSE) must be bucket-default, AES256 or aws:kms, was '"
                    + sse + "'");
        }
        if (bucketDefault(sse)) {
            LOG.info("Attachments are encrypted by the bucket's default encryption (ATTACHMENTS_SSE=bucket-default: no header sent)");
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
    public static PutObjectRequest putRequest(String bucket, String key, String mimeType, AttachmentStoreConfig config) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType(mimeType);
        String sse = config.serverSideEncryption();
        if (!bucketDefault(sse)) {
            request.serverSideEncryption(sse);
        }
        if (sse.equals(ServerSideEncryption.AWS_KMS.toString())) {
            config.kmsKeyId().filter(id -> !id.isBlank()).ifPresent(request::ssekmsKeyId);
        }
        return request.build();
    }

    /** True when uploads carry no encryption header and the bucket's default encryption applies. */
    public static boolean bucketDefault(String sse) {
        return sse.equals(BUCKET_DEFAULT) || sse.equals(NONE);
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
