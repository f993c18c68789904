package app.knowledgenetwork.knowledgeapi;

import static app.knowledgenetwork.testsupport.ManagementInterface.metric;
import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.documents.DocumentTest;
import app.knowledgenetwork.testsupport.ManagementInterface;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class ApiLimitsAndMetricsTest {

    @Test
    void tooDeepQueriesAndOversizedRequestsAreRefused() throws Exception {
        Gql.Session user = Gql.newUser("deep");
        String ws = DocumentTest.workspace(user);
        String id = DocumentTest.createId(user, ws, "Loop", "");
        // backlinks/links nest without end; depth 13 is over the limit of 12.
        String deep = "query($id: ID!) { document(id: $id) { " + "links { ".repeat(12) + "id" + " }".repeat(12) + " } }";
        JsonPath r = call(user.accessToken(), deep, "id", id);
        assertTrue(r.getString("errors[0].message").toLowerCase().contains("depth"), r.prettify());

        JsonPath again = call(user.accessToken(), deep, "id", id);
        assertTrue(again.getString("errors[0].message").toLowerCase().contains("depth"), "refused every time: " + again.prettify());

        String huge = "x".repeat(1_100_000);
        assertEquals(413, Gql.statusOfOversizedPost("{\"query\": \"{ me { id } }\", \"variables\": {\"pad\": \"" + huge + "\"}}"));
    }

    @Test
    void aQueryThatPassedTheLimitsIsCheckedAgainWhenItsVariablesSelectMore() {
        Gql.Session user = Gql.newUser("include");
        String id = DocumentTest.createId(user, DocumentTest.workspace(user), "Loop", "");
        String query = "query($id: ID!, $deep: Boolean!) { document(id: $id) { id "
                + "links @include(if: $deep) { " + "links { ".repeat(11) + "id" + " }".repeat(11) + " } } }";
        JsonPath shallow = call(user.accessToken(), query, "id", id, "deep", false);
        assertEquals(id, shallow.getString("data.document.id"), shallow.prettify());

        JsonPath deep = call(user.accessToken(), query, "id", id, "deep", true);
        assertTrue(deep.getString("errors[0].message").toLowerCase().contains("depth"), deep.prettify());
    }

    @Test
    void businessCountersAndPerOperationTimersAreExported() {
        double users = metric("kn_users_registered_total");
        double documents = metric("kn_documents_created_total");
        Gql.Session user = Gql.newUser("counted");
        DocumentTest.createId(user, DocumentTest.workspace(user), "Counted", "");
        assertEquals(users + 1, metric("kn_users_registered_total"));
        assertEquals(documents + 1, metric("kn_documents_created_total"));
        assertTrue(RestAssured.get(ManagementInterface.url("/q/metrics")).asString().contains("mp_graphql"), "GraphQL operation timers");
    }
}
