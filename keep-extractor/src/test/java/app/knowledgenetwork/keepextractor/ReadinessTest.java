package app.knowledgenetwork.keepextractor;

import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceReadinessContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
class ReadinessTest extends ServiceReadinessContract {
    @Override
    protected Set<String> readinessChecks() {
        return Set.of("Redis", "S3");
    }
}
