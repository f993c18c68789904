package app.knowledgenetwork.common.s3;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.s3.S3Client;

/** Ready while the attachments bucket exists and our credentials may reach it. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "kn.s3.enabled", stringValue = "true")
public class S3ReadinessCheck implements HealthCheck {

    private final S3Client s3;
    private final String bucket;

    public S3ReadinessCheck(S3Client s3, @ConfigProperty(name = "kn.s3.bucket") String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("S3").withData("bucket", bucket);
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return response.up().build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
