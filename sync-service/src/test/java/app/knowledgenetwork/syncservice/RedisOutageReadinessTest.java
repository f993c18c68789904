package app.knowledgenetwork.syncservice;

import app.knowledgenetwork.testsupport.DisposableRedisTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisOutageReadinessContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DisposableRedisTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RedisOutageReadinessTest extends RedisOutageReadinessContract {
}
