package app.knowledgenetwork.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The shared Redis, with a key prefix of this run's own so that runs never read each other's keys. */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.redis.hosts", ServiceEndpoints.current().redis().toString(),
                "kn.redis.key-prefix", TestNames.unique("test:") + ":");
    }

    @Override
    public void stop() {
        // Keys carry a unique prefix and a TTL where the code sets one; nothing to drop.
    }
}
