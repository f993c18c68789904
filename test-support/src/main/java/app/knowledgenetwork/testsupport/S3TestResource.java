package app.knowledgenetwork.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket of this run's own on the S3-compatible server, emptied and deleted at the end. The
 * service under test finds the credentials through the AWS SDK's system properties, as it would
 * find IRSA credentials in EKS.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    private String bucket;

    @Override
    public Map<String, String> start() {
        ServiceEndpoints endpoints = ServiceEndpoints.current();
        System.setProperty("aws.accessKeyId", endpoints.s3AccessKey());
        System.setProperty("aws.secretAccessKey", endpoints.s3SecretKey());
        bucket = TestNames.unique("kn-test-");
        try (S3Client s3 = client(endpoints)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return Map.of(
                "kn.s3.endpoint", endpoints.s3().toString(),
                "kn.s3.region", endpoints.s3Region(),
                "kn.s3.bucket", bucket);
    }

    @Override
    public void stop() {
        try (S3Client s3 = client(ServiceEndpoints.current())) {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
            }
            s3.deleteBucket(b -> b.bucket(bucket));
        }
    }

    /** A client for tests that check what the service under test wrote. */
    public static S3Client client(ServiceEndpoints endpoints) {
        return S3Client.builder()
                .endpointOverride(endpoints.s3())
                .forcePathStyle(true)
                // S3-compatible servers such as S3Proxy refuse the SDK's default flexible checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .region(Region.of(endpoints.s3Region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoints.s3AccessKey(), endpoints.s3SecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
