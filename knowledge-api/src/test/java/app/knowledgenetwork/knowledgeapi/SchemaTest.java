package app.knowledgenetwork.knowledgeapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The API is reviewed through knowledge-api/schema.graphql: any change to the served schema fails this test
 * until the checked-in file is updated (the served schema is written to target/served-schema.graphql to copy).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class SchemaTest {
    @Test
    void servedSchemaIsTheCheckedInOne() throws IOException {
        String served = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target/served-schema.graphql"), served);
        String checkedIn = Files.readString(Path.of("schema.graphql"));
        assertEquals(checkedIn.strip(), served.strip(),
                "The served GraphQL schema differs from knowledge-api/schema.graphql: review target/served-schema.graphql and copy it over");
    }
}
