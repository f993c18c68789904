package app.knowledgenetwork.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the service under test at a {@link DisposableRedis} instead of the shared Redis. The
 * test reaches the process through {@link #redis()} to take it away and bring it back.
 */
public class DisposableRedisTestResource implements QuarkusTestResourceLifecycleManager {

    private static DisposableRedis redis;

    public static DisposableRedis redis() {
        return redis;
    }

    @Override
    public Map<String, String> start() {
        String binary = ServiceEndpoints.current().redisServerBinary().orElse("redis-server");
        redis = new DisposableRedis(binary);
        redis.start();
        return Map.of(
                "quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port(),
                "kn.redis.key-prefix", "outage-test:");
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.stop();
        }
    }
}
