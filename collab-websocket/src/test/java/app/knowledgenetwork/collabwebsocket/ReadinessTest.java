package app.knowledgenetwork.collabwebsocket;

import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.ServiceReadinessContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
class ReadinessTest extends ServiceReadinessContract {
    @Override
    protected Set<String> readinessChecks() {
        return Set.of("Database connections health check", "Redis");
    }
}
