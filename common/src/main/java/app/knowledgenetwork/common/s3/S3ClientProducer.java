package app.knowledgenetwork.common.s3;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client of the services that keep attachments (keep-extractor writes, notion-writer
 * reads). Credentials come from the default AWS chain (IRSA in EKS, environment locally); an
 * endpoint is set only for S3-compatible servers, which also need path-style addressing and, like
 * S3Proxy, may refuse the flexible checksums (x-amz-trailer) the SDK sends by default: with an
 * endpoint, checksums are sent and validated only where S3 requires them.
 */
@ApplicationScoped
@IfBuildProperty(name = "kn.s3.enabled", stringValue = "true")
public class S3ClientProducer {

    private final Optional<URI> endpoint;
    private final String region;

    public S3ClientProducer(@ConfigProperty(name = "kn.s3.endpoint") Optional<URI> endpoint,
            @ConfigProperty(name = "kn.s3.region") String region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    @Produces
    @Singleton
    S3Client s3Client() {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }
}
