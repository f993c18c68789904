package app.knowledgenetwork.knowledgeapi.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.documents.DocumentTest;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security review's queries that took knowledge-api down (12 documents linking to each other, then backlinks
 * five levels deep; pages of versions of pages of documents; aliased graphs) are refused before they run, while the
 * service keeps answering; what is large by data rather than shape is stopped by the response bound. Each request
 * here has a 20-second socket timeout, so a regression fails instead of hanging the build.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class QueryCostTest {
    static Gql.Session user;
    static String workspace;
    static List<String> ids = new ArrayList<>();

    /** Once per class, but after the application is up (a static @BeforeAll may run before RestAssured knows its port). */
    @BeforeEach
    void twelveDocumentsThatLinkToEachOther() {
        if (user != null) {
            return;
        }
        user = Gql.newUser("mesh");
        workspace = DocumentTest.workspace(user);
        for (int i = 0; i < 12; i++) {
            ids.add(DocumentTest.createId(user, workspace, "D" + i, ""));
        }
        String everyTitle = IntStream.range(0, 12).mapToObj(i -> "[[D" + i + "]]").collect(Collectors.joining(" "));
        for (String id : ids) {
            JsonPath r = Gql.call(user.accessToken(), "mutation($id: ID!, $c: String!) { updateDocument(id: $id, expectedRevision: 1, changes: {content: $c}) { revision } }",
                    "id", id, "c", everyTitle);
            assertNull(r.get("errors"), r.prettify());
        }
    }

    @Test
    void backlinksFiveLevelsDeepAreRefusedAtOnceAndTheServiceKeepsAnswering() {
        long started = System.nanoTime();
        JsonPath r = post("query($id: ID!) { document(id: $id) { backlinks { backlinks { backlinks { backlinks { backlinks { id } } } } } } }", Map.of("id", ids.get(0)));
        assertEquals("GRAPHQL_VALIDATION_FAILED", Gql.errorCode(r), r.prettify());
        assertTrue(r.getString("errors[0].message").toLowerCase().contains("complexity"), r.prettify());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused before it ran");
        assertEquals(user.userId(), post("{ me { id } }", Map.of()).getString("data.me.id"));
    }

    @Test
    void twoLevelsOfBacklinksStillWorkBatched() {
        JsonPath r = post("query($id: ID!) { document(id: $id) { backlinks { title backlinks(first: 3) { title } } } }", Map.of("id", ids.get(0)));
        assertNull(r.get("errors"), r.prettify());
        assertEquals(11, r.getList("data.document.backlinks").size(), "every other document links to D0");
        assertEquals(List.of("D0", "D1", "D10"), r.getList("data.document.backlinks[5].backlinks.title"), "at most 'first', by title");
        JsonPath bad = post("query($id: ID!) { document(id: $id) { links(first: 101) { id } } }", Map.of("id", ids.get(0)));
        assertEquals("BAD_USER_INPUT", Gql.errorCode(bad), bad.prettify());
    }

    @Test
    void pagesOfVersionsOfPagesOfDocumentsAreWeighedByTheirPageSizes() {
        JsonPath r = post("query($w: ID!) { documents(workspaceId: $w, first: 100) { edges { node { versions(first: 100) { edges { node { content } } } } } } }",
                Map.of("w", workspace));
        assertEquals("GRAPHQL_VALIDATION_FAILED", Gql.errorCode(r), r.prettify());

        // The same shape with small pages passes; the page sizes given as variables are weighed too, not remembered.
        String byVariables = "query($w: ID!, $n: Int) { documents(workspaceId: $w, first: $n) { edges { node { versions(first: $n) { edges { node { revision } } } } } } }";
        JsonPath small = post(byVariables, Map.of("w", workspace, "n", 5));
        assertNull(small.get("errors"), small.prettify());
        JsonPath large = post(byVariables, Map.of("w", workspace, "n", 100));
        assertEquals("GRAPHQL_VALIDATION_FAILED", Gql.errorCode(large), large.prettify());
    }

    @Test
    void manyAliasedGraphsAreRefused() {
        String graphs = IntStream.range(0, 31).mapToObj(i -> "g" + i + ": graph(workspaceId: $w, rootId: $r, depth: 1) { nodes { id } }")
                .collect(Collectors.joining(" "));
        JsonPath r = post("query($w: ID!, $r: ID!) { " + graphs + " }", Map.of("w", workspace, "r", ids.get(0)));
        assertEquals("GRAPHQL_VALIDATION_FAILED", Gql.errorCode(r), r.prettify());
        assertTrue(r.getString("errors[0].message").contains("aliases"), r.prettify());
    }

    @Test
    void aResponseOverTheSizeBoundIsStoppedWithOneError() {
        String big = DocumentTest.createId(user, workspace, "Big", "m".repeat(1_000_000));
        // One document of a million characters, asked for 17 times under aliases: over the bound of 16 million.
        String copies = IntStream.range(0, 17).mapToObj(i -> "c" + i + ": document(id: $id) { content }").collect(Collectors.joining(" "));
        JsonPath r = post("query($id: ID!) { " + copies + " }", Map.of("id", big));
        assertEquals("RESPONSE_LIMIT_EXCEEDED", Gql.errorCode(r), "16 M characters at most: " + r.getString("errors"));
        assertNull(r.get("data"));
        assertEquals(1, r.getList("errors").size());

        String fewer = IntStream.range(0, 3).mapToObj(i -> "c" + i + ": document(id: $id) { content }").collect(Collectors.joining(" "));
        JsonPath whole = post("query($id: ID!) { " + fewer + " }", Map.of("id", big));
        assertNull(whole.get("errors"));
        assertEquals(1_000_000, whole.getString("data.c2.content").length());
    }

    private static JsonPath post(String query, Map<String, Object> variables) {
        return post(user.accessToken(), query, variables);
    }

    private static JsonPath post(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 20_000).setParam("http.connection.timeout", 5_000)))
                .contentType("application/json").header("Authorization", "Bearer " + token)
                .body(body).post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
