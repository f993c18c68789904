package app.knowledgenetwork.keepextractor.attachments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class AttachmentStoreTest {

    private static AttachmentStoreConfig config(String sse, Optional<String> kmsKey) {
        return new AttachmentStoreConfig() {
            @Override
            public String serverSideEncryption() {
                return sse;
            }

            @Override
            public Optional<String> kmsKeyId() {
                return kmsKey;
            }
        };
    }

    @Test
    void uploadsAskForSseS3ByDefaultAndSseKmsWithItsKeyWhenConfigured() {
        PutObjectRequest aes = AttachmentStore.putRequest("b", "jobs/j/x", "image/png", config("AES256", Optional.of("ignored")));
        assertEquals(ServerSideEncryption.AES256, aes.serverSideEncryption());
        assertNull(aes.ssekmsKeyId());

        PutObjectRequest kms = AttachmentStore.putRequest("b", "jobs/j/x", "image/png", config("aws:kms", Optional.of("arn:aws:kms:k")));
        assertEquals(ServerSideEncryption.AWS_KMS, kms.serverSideEncryption());
        assertEquals("arn:aws:kms:k", kms.ssekmsKeyId());

        assertNull(AttachmentStore.putRequest("b", "k", "image/png", config("none", Optional.empty())).serverSideEncryption());
        assertNull(AttachmentStore.putRequest("b", "k", "image/png", config("bucket-default", Optional.empty())).serverSideEncryption());
    }

    @Test
    void jobIdsCannotEscapeTheirPrefix() {
        assertEquals("jobs/job-1.a_b/takeout/x", AttachmentStore.key("job-1.a_b", "takeout/x"));
        for (String bad : new String[] {"../x", "a/b", "", ".hidden", "x".repeat(129)}) {
            assertThrows(IllegalArgumentException.class, () -> AttachmentStore.requireValidJobId(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> AttachmentStore.requireValidJobId(null));
    }
}
