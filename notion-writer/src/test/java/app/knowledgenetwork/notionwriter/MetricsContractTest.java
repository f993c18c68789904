package app.knowledgenetwork.notionwriter;

import static io.restassured.RestAssured.given;

import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceMetricsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

@QuarkusTest
@WithTestResource(EmulatorsTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
class MetricsContractTest extends ServiceMetricsContract {

    /** kn_notion_requests_total{status} exists once Notion answered: a database check is the smallest call. */
    @Override
    protected void exerciseLazyMeters() {
        String token = NotionEmulator.newToken();
        NotionEmulator.token(token, 3, 10);
        String database = NotionEmulator.database(token, Map.of("Name", "title"));
        given().contentType("application/json").body(Map.of("databaseId", database, "token", token))
                .when().post("/api/v1/notion/database-checks")
                .then().statusCode(200);
    }
}
