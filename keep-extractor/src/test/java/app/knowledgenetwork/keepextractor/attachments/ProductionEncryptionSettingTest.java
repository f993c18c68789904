package app.knowledgenetwork.keepextractor.attachments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceEndpoints;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The production profile's encryption setting, as bin/stack runs the jar (no ATTACHMENTS_SSE), against
 * the local S3 server: an upload with it must be accepted. The former default, AES256, made S3Proxy answer
 * 501 to every attachment of the production profile, so a Takeout import with images failed with HTTP 500
 * on the running stack while every test-profile test passed.
 */
class ProductionEncryptionSettingTest {

    /** The value the %prod profile of application.properties gives, with no environment override. */
    static String productionSetting() throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(
                        ProductionEncryptionSettingTest.class.getClassLoader().getResource("application.properties")))
                .build();
        return config.getValue("kn.attachments.server-side-encryption", String.class);
    }

    @Test
    void theProductionProfileUploadsToTheLocalS3Server() throws IOException {
        String sse = productionSetting();
        ServiceEndpoints endpoints = ServiceEndpoints.current();
        String bucket = "kn-test-sse-" + Long.toHexString(System.nanoTime());
        try (S3Client s3 = S3TestResource.client(endpoints)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                PutObjectRequest put = AttachmentStore.putRequest(bucket, "jobs/j/takeout/1-a.png", "image/png", config(sse));
                s3.putObject(put, RequestBody.fromBytes(new byte[] {1, 2, 3}));
                assertEquals(3, s3.getObjectAsBytes(b -> b.bucket(bucket).key("jobs/j/takeout/1-a.png")).asByteArray().length);
                assertEquals(AttachmentStore.BUCKET_DEFAULT, sse, "the bucket's default encryption (SSE-KMS in terraform) applies");
                assertNull(put.serverSideEncryption(), "no header: the bucket's own encryption");
            } finally {
                s3.deleteObject(b -> b.bucket(bucket).key("jobs/j/takeout/1-a.png"));
                s3.deleteBucket(b -> b.bucket(bucket));
            }
        }
    }

    private static AttachmentStoreConfig config(String sse) {
        return new AttachmentStoreConfig() {
            @Override
            public String serverSideEncryption() {
                return sse;
            }

            @Override
            public Optional<String> kmsKeyId() {
                return Optional.empty();
            }
        };
    }
}
