package app.knowledgenetwork.syncservice.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Drives sync-service's REST API as a user would. */
public final class SyncApi {

    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "PARTIALLY_FAILED", "FAILED", "CANCELLED");

    private SyncApi() {
    }

    public static Map<String, Object> refreshTokenConnection(String refreshToken, String databaseId, String notionToken) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "My Keep");
        body.put("sourceType", "KEEP_API");
        body.put("keepCredentialsType", "REFRESH_TOKEN");
        body.put("keepRefreshToken", refreshToken);
        body.put("notionDatabaseId", databaseId);
        body.put("notionToken", notionToken);
        return body;
    }

    public static String createConnection(String accessToken, Map<String, Object> body) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(body)
                .post("/api/v1/sync/connections").then().statusCode(201).extract().path("id");
    }

    public static String trigger(String accessToken, String connectionId, String mode) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of("mode", mode))
                .post("/api/v1/sync/connections/" + connectionId + "/jobs").then().statusCode(202).extract().path("id");
    }

    public static JsonPath job(String accessToken, String jobId) {
        return given().auth().oauth2(accessToken).get("/api/v1/sync/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    /** Polls the job until it has finished (deadline 5 minutes). */
    public static JsonPath awaitFinished(String accessToken, String jobId) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            JsonPath job = job(accessToken, jobId);
            if (FINISHED.contains(job.getString("state"))) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("job " + jobId + " did not finish in 5 minutes: " + job(accessToken, jobId).prettify());
        return null;
    }

    /** Every note result of a job: note id to outcome. */
    public static Map<String, String> outcomes(String accessToken, String jobId) {
        Map<String, String> outcomes = new HashMap<>();
        String after = "";
        while (true) {
            List<Map<String, Object>> page = given().auth().oauth2(accessToken).queryParam("after", after).queryParam("limit", 500)
                    .get("/api/v1/sync/jobs/" + jobId + "/notes").then().statusCode(200).extract().jsonPath().getList("$");
            if (page.isEmpty()) {
                return outcomes;
            }
            page.forEach(n -> outcomes.put((String) n.get("noteId"), (String) n.get("outcome")));
            after = (String) page.getLast().get("noteId");
        }
    }
}
