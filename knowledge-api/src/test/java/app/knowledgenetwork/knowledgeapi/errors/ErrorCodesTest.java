package app.knowledgenetwork.knowledgeapi.errors;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Sql;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class ErrorCodesTest {
    /** The codes docs/graphql.md documents for clients (its "Errors" table), not the enum itself: a new code must be documented. */
    private static final List<String> DOCUMENTED = documentedCodes();

    private static List<String> documentedCodes() {
        try {
            String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "graphql.md"));
            List<String> codes = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| [^|]+ \\|$").matcher(doc).results().map(m -> m.group(1)).toList();
            assertTrue(codes.size() >= 10, "the error table of docs/graphql.md: " + codes);
            return codes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theEnginesOwnErrorsCarryACode() {
        Gql.Session user = Gql.newUser("sloppy");
        assertCode("GRAPHQL_VALIDATION_FAILED", call(user.accessToken(), "{ me { id shoeSize } }"), "shoeSize");
        assertCode("GRAPHQL_VALIDATION_FAILED", call(user.accessToken(), "{ workspaces(first: \"ten\") { pageInfo { hasNextPage } } }"), "first");
        assertCode("GRAPHQL_VALIDATION_FAILED", call(user.accessToken(), "query($id: ID!) { workspace(id: $id) { name } }"), "id");
        assertCode("GRAPHQL_VALIDATION_FAILED", call(user.accessToken(), "query($n: Int) { workspaces(first: $n) { pageInfo { hasNextPage } } }", "n", "ten"), "n");
        assertCode("GRAPHQL_PARSE_FAILED", call(user.accessToken(), "{ me { id "), "Invalid syntax");
        assertCode("GRAPHQL_PARSE_FAILED", call(user.accessToken(), "{ me { id } } }"), "Invalid syntax");
        // The depth limit (12) refuses a query before it runs.
        String deep = "query($id: ID!) { document(id: $id) { " + "links { ".repeat(12) + "id" + " }".repeat(12) + " } }";
        assertCode("GRAPHQL_VALIDATION_FAILED", call(user.accessToken(), deep, "id", UUID.randomUUID().toString()), "depth");
        assertNull(call(user.accessToken(), "{ me { id } }").get("errors"), "a legal query still works");
    }

    /** Requests that are not GraphQL requests at all: SmallRye and Quarkus would answer them without a code, or with a 500. */
    @Test
    void malformedRequestsAreParseFailuresNamingTheProblem() throws Exception {
        Object[][] cases = {
                {"{\"query\": \"{ me { id } }\"", 400, "not JSON"},
                {"[{\"query\": \"{ me { id } }\"}]", 400, "JSON object"},
                {"", 400, "empty"},
                {"{}", 200, "Missing 'query'"},
                {"{\"query\": 5}", 200, "query: must be a string"},
                {"{\"query\": \"{ me { id } }\", \"variables\": 7}", 200, "variables: must be a JSON object"},
                {"{\"query\": \"{ me { id } }\", \"operationName\": []}", 200, "operationName: must be a string"},
        };
        for (Object[] c : cases) {
            var response = given().contentType("application/json").body((String) c[0]).post("/graphql");
            assertEquals(c[1], response.statusCode(), (String) c[0]);
            assertCode("GRAPHQL_PARSE_FAILED", response.jsonPath(), (String) c[2]);
            assertNull(response.jsonPath().get("data"), (String) c[0]);
        }
        // The body limit still holds, and a well-formed request still works.
        assertEquals(413, Gql.statusOfOversizedPost("{\"query\": \"{ me { id } }\", \"pad\": \"" + "x".repeat(1_100_000) + "\"}"));
        assertEquals("UNAUTHENTICATED", errorCode(given().contentType("application/json; charset=UTF-8").body("{\"query\": \"{ me { id } }\"}")
                .post("/graphql").then().statusCode(200).extract().jsonPath()));
    }

    @Test
    void refusalsKeepTheirCodeMessageAndReason() {
        JsonPath anonymous = call(null, "{ me { id } }");
        assertCode("UNAUTHENTICATED", anonymous, "Authentication required");
        assertNull(anonymous.get("errors[0].extensions.reason"));
        assertEquals(List.of("me"), anonymous.getList("errors[0].path"));
        assertEquals("DataFetchingException", anonymous.getString("errors[0].extensions.classification"));
        Gql.Session user = Gql.newUser("refused");
        assertCode("NOT_FOUND", call(user.accessToken(), "query($id: ID!) { workspace(id: $id) { name } }", "id", UUID.randomUUID().toString()), "not found");
        assertCode("BAD_USER_INPUT", call(user.accessToken(), "{ workspaces(first: 0) { pageInfo { hasNextPage } } }"), "first");
    }

    /** A fault below the API (here PostgreSQL refusing an insert) is INTERNAL_SERVER_ERROR and gives nothing away. */
    @Test
    void anUnexpectedFailureIsAnInternalServerErrorWithAGenericMessage() throws SQLException {
        String marker = "forced-failure-" + UUID.randomUUID().toString().substring(0, 8);
        ddl("CREATE OR REPLACE FUNCTION kn_test_forced_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'forced failure: INSERT INTO app_user refused by trigger kn_test_forced_failure'; END $$",
                "CREATE TRIGGER kn_test_forced_failure BEFORE INSERT ON app_user FOR EACH ROW WHEN (NEW.email LIKE 'forced-failure-%') "
                        + "EXECUTE FUNCTION kn_test_forced_failure()");
        try {
            JsonPath r = call(null, """
                    mutation($e: String!) { register(email: $e, password: "correct horse battery", displayName: "Doomed") { accessToken } }""",
                    "e", marker + "@example.org");
            assertCode("INTERNAL_SERVER_ERROR", r, "Internal server error");
            String message = r.getString("errors[0].message");
            assertTrue(Pattern.compile("incident [0-9a-f]{8}").matcher(message).find(), message);
            String body = r.prettify();
            for (String leak : List.of("forced failure", "app_user", "INSERT", "SQL", "Exception", "org.", "java.", "hibernate", "trigger", "\tat ")) {
                assertFalse(message.toLowerCase().contains(leak.toLowerCase()), "the message leaks '" + leak + "': " + body);
            }
            // Nothing else in the response tells more (the classification, DataFetchingException, is the engine's category).
            for (String leak : List.of("forced failure", "app_user", "SQL", "org.", "java.", "hibernate", "trigger", "\tat ", "PSQL")) {
                assertFalse(body.toLowerCase().contains(leak.toLowerCase()), "the response leaks '" + leak + "': " + body);
            }
            assertEquals(Map.of("code", "INTERNAL_SERVER_ERROR", "classification", "DataFetchingException"), r.getMap("errors[0].extensions"));
            assertNull(r.get("data"));
        } finally {
            ddl("DROP TRIGGER IF EXISTS kn_test_forced_failure ON app_user", "DROP FUNCTION IF EXISTS kn_test_forced_failure()");
        }
    }

    @Test
    void everyRefusalClassMapsToItsDocumentedCode() {
        Map<ApiException, String> expected = Map.of(new BadUserInput("x"), "BAD_USER_INPUT", new Conflict("x"), "CONFLICT", new Forbidden("x"), "FORBIDDEN",
                new NotFound("x"), "NOT_FOUND", new RateLimited("x"), "RATE_LIMITED", new SearchUnavailable("x"), "SEARCH_UNAVAILABLE",
                new Unauthenticated("x"), "UNAUTHENTICATED");
        expected.forEach((refusal, code) -> {
            assertEquals(code, ApiErrorCode.of(refusal).name(), refusal.getClass().getSimpleName());
            assertTrue(DOCUMENTED.contains(code), code + " is in the error table of docs/graphql.md");
        });
        assertEquals(java.util.Set.copyOf(DOCUMENTED), java.util.Set.copyOf(Arrays.stream(ApiErrorCode.values()).map(Enum::name).toList()),
                "docs/graphql.md documents exactly the codes the API can answer");
    }

    private static void assertCode(String code, JsonPath response, String messageContains) {
        assertEquals(code, errorCode(response), response.prettify());
        assertTrue(DOCUMENTED.contains(code));
        if (messageContains != null) {
            assertTrue(response.getString("errors[0].message").contains(messageContains), response.prettify());
        }
        List<Map<String, Object>> errors = response.getList("errors");
        for (Map<String, Object> error : errors) {
            @SuppressWarnings("unchecked")
            Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
            assertTrue(DOCUMENTED.contains((String) extensions.get("code")), "every error has a documented code: " + response.prettify());
        }
    }

    private void ddl(String... statements) throws SQLException {
        Sql.execute(dataSource, statements);
    }
}
