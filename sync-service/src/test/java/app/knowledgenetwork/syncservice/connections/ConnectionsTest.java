package app.knowledgenetwork.syncservice.connections;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.syncservice.support.AccessTokens;
import app.knowledgenetwork.syncservice.support.Connectors;
import app.knowledgenetwork.syncservice.support.NotionEmulator;
import app.knowledgenetwork.syncservice.support.SyncApi;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(Connectors.class)
@WithTestResource(AccessTokens.class)
class ConnectionsTest {

    @Inject
    AgroalDataSource database;

    @Test
    void aConnectionKeepsItsTokensSealedAndNeverShowsThem() throws Exception {
        String notionToken = NotionEmulator.token();
        String databaseId = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String user = AccessTokens.user(AccessTokens.newUser());
        String id = SyncApi.createConnection(user, SyncApi.refreshTokenConnection("1//refresh-secret", databaseId, notionToken));

        given().auth().oauth2(user).get("/api/v1/sync/connections/" + id).then().statusCode(200)
                .body("notionTokenStored", equalTo(true))
                .body("keepRefreshTokenStored", equalTo(true))
                .body(not(containsString(notionToken)))
                .body(not(containsString("1//refresh-secret")));
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet row = s.executeQuery("SELECT notion_token, keep_refresh_token FROM connections WHERE id = '" + id + "'")) {
            assertTrue(row.next());
            assertTrue(row.getString(1).startsWith("v1:"));
            assertFalse(row.getString(1).contains(notionToken));
            assertFalse(row.getString(2).contains("refresh-secret"));
        }
    }

    @Test
    void theNotionDatabaseIsCheckedAndWhatIsWrongIsNamed() {
        String notionToken = NotionEmulator.token();
        String conflicting = NotionEmulator.database(notionToken, Map.of("Name", "title", "Pinned", "rich_text"));
        String user = AccessTokens.user(AccessTokens.newUser());

        create(user, SyncApi.refreshTokenConnection("1//x", conflicting, notionToken)).statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("\"Pinned\" has type rich_text but Keep notes need checkbox"));
        create(user, SyncApi.refreshTokenConnection("1//x", conflicting, "secret_not_registered")).statusCode(422)
                .body("title", equalTo("Notion refused the integration token"));
        create(user, SyncApi.refreshTokenConnection("1//x", "0123456789abcdef0123456789abcdef", notionToken)).statusCode(422)
                .body("title", equalTo("Notion database not found or not shared"));
        given().auth().oauth2(user).get("/api/v1/sync/connections").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String user = AccessTokens.user(AccessTokens.newUser());
        Map<String, Object> body = new HashMap<>(SyncApi.refreshTokenConnection("1//x", "0123456789abcdef0123456789abcdef", "secret_x"));
        body.remove("sourceType");
        create(user, body).statusCode(400).contentType("application/problem+json").body("detail", containsString("sourceType"));
        body.put("sourceType", "KEEP_API");
        body.put("keepCredentialsType", "SERVICE_ACCOUNT");
        create(user, body).statusCode(400).body("detail", containsString("keepSubject"));
        body.put("keepCredentialsType", "REFRESH_TOKEN");
        body.put("notionDatabaseId", "not an id");
        create(user, body).statusCode(400).body("detail", containsString("notionDatabaseId"));
        body.put("notionDatabaseId", "0123456789abcdef0123456789abcdef");
        body.put("scheduleMinutes", 1);
        create(user, body).statusCode(400).body("detail", containsString("scheduleMinutes"));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/sync/connections").then().statusCode(401);
    }

    @Test
    void onlyTheOwnerOrAnAdminSeesAConnection() {
        String notionToken = NotionEmulator.token();
        String databaseId = NotionEmulator.database(notionToken, Map.of("Name", "title"));
        String owner = AccessTokens.user(AccessTokens.newUser());
        String id = SyncApi.createConnection(owner, SyncApi.refreshTokenConnection("1//x", databaseId, notionToken));
        String stranger = AccessTokens.user(AccessTokens.newUser());
        String admin = AccessTokens.admin(AccessTokens.newUser());

        given().auth().oauth2(stranger).get("/api/v1/sync/connections/" + id).then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{}").post("/api/v1/sync/connections/" + id + "/jobs").then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/sync/connections").then().body("id", not(hasItem(id)));
        given().auth().oauth2(admin).get("/api/v1/sync/connections").then().body("id", hasItem(id));
        given().auth().oauth2(admin).delete("/api/v1/sync/connections/" + id).then().statusCode(204);
        given().auth().oauth2(owner).get("/api/v1/sync/connections/" + id).then().statusCode(404);
    }

    private static io.restassured.response.ValidatableResponse create(String user, Map<String, Object> body) {
        return given().auth().oauth2(user).contentType(ContentType.JSON).body(body).post("/api/v1/sync/connections").then();
    }
}
