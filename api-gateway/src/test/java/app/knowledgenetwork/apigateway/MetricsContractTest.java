package app.knowledgenetwork.apigateway;

import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.ServiceMetricsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class MetricsContractTest extends ServiceMetricsContract {
}
