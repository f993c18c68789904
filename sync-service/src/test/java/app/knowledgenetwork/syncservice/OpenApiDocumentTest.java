package app.knowledgenetwork.syncservice;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.syncservice.support.AccessTokens;
import app.knowledgenetwork.testsupport.ManagementInterface;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The API's description is served, and the checked-in copy is the one the build generates. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(AccessTokens.class)
class OpenApiDocumentTest {

    @Test
    void theCheckedInDocumentIsCurrent() throws Exception {
        RestAssured.get(ManagementInterface.url("/q/openapi")).then().statusCode(200)
                .body(containsString("/api/v1/sync/connections/{id}/jobs"));
        assertEquals(Files.readString(Path.of("target/openapi/openapi.yaml")), Files.readString(Path.of("openapi.yaml")),
                "openapi.yaml is stale: copy target/openapi/openapi.yaml over it");
    }
}
