package app.knowledgenetwork.apigateway;

import app.knowledgenetwork.testsupport.DisposableRedisTestResource;
import app.knowledgenetwork.testsupport.RedisOutageReadinessContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DisposableRedisTestResource.class)
class RedisOutageReadinessTest extends RedisOutageReadinessContract {
}
