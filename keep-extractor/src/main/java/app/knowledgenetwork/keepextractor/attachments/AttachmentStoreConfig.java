package app.knowledgenetwork.keepextractor.attachments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where attachments go in S3 and how they are encrypted at rest. */
@ConfigMapping(prefix = "kn.attachments")
public interface AttachmentStoreConfig {

    /**
     * {@code bucket-default} (no header: the bucket's default encryption applies), or {@code AES256} (SSE-S3)
     * or {@code aws:kms} (SSE-KMS) sent with every upload ({@code ATTACHMENTS_SSE}).
     */
    @WithDefault("bucket-default")
    String serverSideEncryption();

    /** KMS key for {@code aws:kms}; empty uses the bucket's default key ({@code ATTACHMENTS_KMS_KEY_ID}). */
    Optional<String> kmsKeyId();
}
