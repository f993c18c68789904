package app.knowledgenetwork.knowledgeapi.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GraphQL-over-HTTP recommendations: media type by Accept, 400 for requests that never ran, 415 without a Content-Type. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class GraphQlOverHttpTest {
    static final String RESPONSE_JSON = "application/graphql-response+json";

    @Test
    void clientsAskingForGraphqlResponseJsonGet400ForRequestsThatNeverRan() {
        given().contentType("application/json").accept(RESPONSE_JSON).body(Map.of("query", "{ me { id "))
                .post("/graphql").then().statusCode(400).contentType(startsWith(RESPONSE_JSON))
                .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
        given().contentType("application/json").accept(RESPONSE_JSON).body(Map.of("query", "{ noSuchField }"))
                .post("/graphql").then().statusCode(400).body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        given().contentType("application/json").accept(RESPONSE_JSON)
                .body(Map.of("query", "query($n: Int) { workspaces(first: $n) { edges { cursor } } }", "variables", Map.of("n", true)))
                .post("/graphql").then().statusCode(400).body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        // A request that ran is 200 even when a resolver refuses it.
        given().contentType("application/json").accept(RESPONSE_JSON).body(Map.of("query", "{ me { id } }"))
                .post("/graphql").then().statusCode(200).contentType(startsWith(RESPONSE_JSON))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void legacyClientsGetApplicationJsonAnd200() {
        given().contentType("application/json").accept("*/*").body(Map.of("query", "{ noSuchField }"))
                .post("/graphql").then().statusCode(200).contentType(startsWith("application/json"));
        String type = given().contentType("application/json").body(Map.of("query", "{ __typename }")).header("Accept", "")
                .post("/graphql").then().statusCode(200).extract().contentType();
        assertEquals("application/json", type.split(";")[0]);
        given().contentType("application/json").accept("application/json, " + RESPONSE_JSON + ";q=0.5").body(Map.of("query", "{ __typename }"))
                .post("/graphql").then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void aPostWithoutAContentTypeIs415() throws Exception {
        // java.net.http sends no Content-Type unless told to (REST Assured always adds one).
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/graphql"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertEquals(true, response.body().contains("GRAPHQL_PARSE_FAILED"), response.body());
    }

    @Test
    void acceptRangesAreRead() {
        assertEquals(GraphQlOverHttp.JSON, GraphQlOverHttp.mediaType(null));
        assertEquals(GraphQlOverHttp.JSON, GraphQlOverHttp.mediaType("*/*"));
        assertEquals(GraphQlOverHttp.RESPONSE_JSON, GraphQlOverHttp.mediaType(RESPONSE_JSON + ", application/json;q=0.9"));
        assertEquals(GraphQlOverHttp.JSON, GraphQlOverHttp.mediaType(RESPONSE_JSON + ";q=0"));
    }
}
