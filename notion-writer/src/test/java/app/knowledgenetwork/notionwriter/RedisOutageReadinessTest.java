package app.knowledgenetwork.notionwriter;

import app.knowledgenetwork.testsupport.DisposableRedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.RedisOutageReadinessContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DisposableRedisTestResource.class)
@WithTestResource(S3TestResource.class)
class RedisOutageReadinessTest extends RedisOutageReadinessContract {
}
