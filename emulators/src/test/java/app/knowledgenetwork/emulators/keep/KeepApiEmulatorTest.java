package app.knowledgenetwork.emulators.keep;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeepApiEmulatorTest {

    String user;
    String token;

    @BeforeEach
    void userWithToken() {
        user = "u-" + UUID.randomUUID() + "@corp.example";
        String refresh = "1//rt-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"refreshToken\":\"" + refresh + "\",\"clientId\":\"cid\",\"clientSecret\":\"secret\",\"user\":\"" + user + "\"}")
                .post("/_emulator/keep/refresh-tokens").then().statusCode(204);
        token = given().formParam("grant_type", "refresh_token").formParam("refresh_token", refresh)
                .formParam("client_id", "cid").formParam("client_secret", "secret")
                .post("/google/oauth2/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3600))
                .extract().path("access_token");
    }

    private void seed(String json) {
        given().contentType(ContentType.JSON).body(json).post("/_emulator/keep/users/" + user + "/notes").then().statusCode(201);
    }

    @Test
    void listsEveryNoteAcrossPagesAndHidesTrashedOnesByDefault() {
        StringBuilder notes = new StringBuilder("[");
        for (int i = 0; i < 7; i++) {
            notes.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i).append("\",\"createTime\":\"2026-01-0").append(i + 1)
                    .append("T00:00:00Z\",\"body\":{\"text\":{\"text\":\"t").append(i).append("\"}}}");
        }
        notes.append(",{\"id\":\"gone\",\"trashed\":true,\"body\":{\"text\":{\"text\":\"x\"}}}]");
        seed(notes.toString());
        List<String> names = new ArrayList<>();
        String pageToken = "";
        do {
            var page = given().auth().oauth2(token).queryParam("pageSize", 3).queryParam("pageToken", pageToken)
                    .get("/keep/v1/notes").then().statusCode(200).extract().jsonPath();
            names.addAll(page.getList("notes.name"));
            pageToken = page.getString("nextPageToken");
        } while (pageToken != null);
        org.junit.jupiter.api.Assertions.assertEquals(List.of("notes/n0", "notes/n1", "notes/n2", "notes/n3", "notes/n4", "notes/n5", "notes/n6"), names);

        given().auth().oauth2(token).queryParam("filter", "trashed").get("/keep/v1/notes").then().statusCode(200)
                .body("notes.name", contains("notes/gone")).body("notes[0].trashed", equalTo(true))
                .body("notes[0].trashTime", notNullValue());
    }

    @Test
    void filtersByUpdateTime() {
        seed("[{\"id\":\"old\",\"updateTime\":\"2026-01-01T00:00:00Z\",\"createTime\":\"2026-01-01T00:00:00Z\",\"body\":{\"text\":{\"text\":\"a\"}}},"
                + "{\"id\":\"new\",\"updateTime\":\"2026-03-01T00:00:00Z\",\"createTime\":\"2026-01-01T00:00:00Z\",\"body\":{\"text\":{\"text\":\"b\"}}}]");
        given().auth().oauth2(token).queryParam("filter", "update_time > \"2026-02-01T00:00:00Z\"").get("/keep/v1/notes")
                .then().statusCode(200).body("notes.name", contains("notes/new"));
        given().auth().oauth2(token).queryParam("filter", "update_time >= \"2026-01-01T00:00:00Z\" AND update_time < \"2026-02-01T00:00:00Z\" AND -trashed")
                .get("/keep/v1/notes").then().statusCode(200).body("notes.name", contains("notes/old"));
        given().auth().oauth2(token).queryParam("filter", "colour = \"RED\"").get("/keep/v1/notes")
                .then().statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT")).body("error.code", equalTo(400))
                .body("error.message", containsString("colour"));
    }

    @Test
    void refusesRequestsWithoutAnIssuedToken() {
        given().get("/keep/v1/notes").then().statusCode(401).body("error.status", equalTo("UNAUTHENTICATED"))
                .header("WWW-Authenticate", equalTo("Bearer realm=\"https://accounts.google.com/\""));
        given().auth().oauth2("ya29.made-up").get("/keep/v1/notes").then().statusCode(401).body("error.status", equalTo("UNAUTHENTICATED"))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", "unknown").formParam("client_id", "cid")
                .formParam("client_secret", "secret").post("/google/oauth2/token").then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void anExpiredAccessTokenIsRefusedAsAnInvalidToken() {
        given().auth().oauth2(token).get("/keep/v1/notes").then().statusCode(200);

        given().post("/_emulator/keep/users/" + user + "/expire-access-tokens").then().statusCode(200).body("expired", equalTo(1));

        given().auth().oauth2(token).get("/keep/v1/notes").then().statusCode(401).body("error.status", equalTo("UNAUTHENTICATED"))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    @Test
    void aFaultAfterSomeRequestsWithRetryAfterCountsTheRequestsThatCameTooEarly() {
        given().contentType(ContentType.JSON).body("{\"status\":\"RESOURCE_EXHAUSTED\",\"count\":1,\"request\":\"notes.list\",\"after\":1,\"retryAfterSeconds\":60}")
                .post("/_emulator/keep/faults").then().statusCode(204);
        long earlyBefore = early();

        given().auth().oauth2(token).get("/keep/v1/notes").then().statusCode(200);
        given().auth().oauth2(token).get("/keep/v1/notes").then().statusCode(429).body("error.status", equalTo("RESOURCE_EXHAUSTED"))
                .header("Retry-After", equalTo("60"));
        org.junit.jupiter.api.Assertions.assertEquals(earlyBefore, early());
        given().auth().oauth2(token).get("/keep/v1/notes").then().statusCode(200);

        org.junit.jupiter.api.Assertions.assertEquals(earlyBefore + 1, early(), "the third request came before the Retry-After had passed");
    }

    private static long early() {
        Number n = given().get("/_emulator/keep/requests").then().statusCode(200).extract().path("'retry_after.early'");
        return n == null ? 0 : n.longValue();
    }

    @Test
    void downloadsAnAttachmentOnlyInOneOfItsMediaTypes() {
        seed("{\"id\":\"img\",\"body\":{\"text\":{\"text\":\"\"}},\"attachments\":[{\"id\":\"a1\",\"mimeType\":[\"image/png\"],\"contentBase64\":\"iVBORw==\"}]}");
        given().auth().oauth2(token).get("/keep/v1/notes/img").then().statusCode(200)
                .body("attachments[0].name", equalTo("notes/img/attachments/a1")).body("title", nullValue())
                .body("permissions[0].role", equalTo("OWNER"));
        byte[] bytes = given().auth().oauth2(token).queryParam("alt", "media").queryParam("mimeType", "image/png")
                .get("/keep/v1/notes/img/attachments/a1").then().statusCode(200).contentType("image/png").extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Base64.getDecoder().decode("iVBORw=="), bytes);
        given().auth().oauth2(token).queryParam("alt", "media").queryParam("mimeType", "image/jpeg")
                .get("/keep/v1/notes/img/attachments/a1").then().statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.message", containsString("image/jpeg"));
        given().auth().oauth2(token).get("/keep/v1/notes/nope").then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
    }

    @Test
    void abortsAPagedListingWhenTheNotesChange() {
        seed("[{\"id\":\"a\",\"body\":{\"text\":{\"text\":\"a\"}}},{\"id\":\"b\",\"body\":{\"text\":{\"text\":\"b\"}}}]");
        String next = given().auth().oauth2(token).queryParam("pageSize", 1).get("/keep/v1/notes").then().statusCode(200)
                .body("notes", hasSize(1)).extract().path("nextPageToken");
        seed("{\"id\":\"c\",\"body\":{\"text\":{\"text\":\"c\"}}}");
        given().auth().oauth2(token).queryParam("pageSize", 1).queryParam("pageToken", next).get("/keep/v1/notes")
                .then().statusCode(409).body("error.status", equalTo("ABORTED"));
    }

    @Test
    void aFaultForOneKindOfRequestWaitsForThatKind() {
        seed("{\"id\":\"img\",\"body\":{\"text\":{\"text\":\"\"}},\"attachments\":[{\"id\":\"a1\",\"mimeType\":[\"image/png\"],\"contentBase64\":\"iVBORw==\"}]}");
        given().contentType(ContentType.JSON).body("{\"status\":\"UNAVAILABLE\",\"count\":1,\"request\":\"media.download\"}")
                .post("/_emulator/keep/faults").then().statusCode(204);

        given().auth().oauth2(token).get("/keep/v1/notes").then().statusCode(200).body("notes", hasSize(1));
        given().auth().oauth2(token).queryParam("alt", "media").queryParam("mimeType", "image/png")
                .get("/keep/v1/notes/img/attachments/a1").then().statusCode(503).body("error.status", equalTo("UNAVAILABLE"));
        given().auth().oauth2(token).queryParam("alt", "media").queryParam("mimeType", "image/png")
                .get("/keep/v1/notes/img/attachments/a1").then().statusCode(200);
    }
}
