package app.knowledgenetwork.common.opensearch;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;

/** Ready while the cluster answers and is not red (a red cluster cannot serve every shard). */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "kn.opensearch.enabled", stringValue = "true")
public class OpenSearchReadinessCheck implements HealthCheck {

    private final OpenSearchClient client;

    public OpenSearchReadinessCheck(OpenSearchClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("OpenSearch");
        try {
            HealthStatus status = client.cluster().health().status();
            return response.status(status != HealthStatus.Red).withData("cluster", status.jsonValue()).build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
