package app.knowledgenetwork.common.redis;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while Redis answers PING within a second. Replaces Quarkus' own Redis check, which reports
 * UP without asking Redis until some code has opened a connection.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "kn.redis.enabled", stringValue = "true")
public class RedisReadinessCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;

    public RedisReadinessCheck(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(TIMEOUT).fail()
                .map(reply -> HealthCheckResponse.named("Redis").up().build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("Redis").down()
                        .withData("error", e.getClass().getSimpleName()).build());
    }
}
