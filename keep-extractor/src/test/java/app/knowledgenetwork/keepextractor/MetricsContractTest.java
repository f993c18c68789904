package app.knowledgenetwork.keepextractor;

import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceMetricsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
class MetricsContractTest extends ServiceMetricsContract {
}
