package app.knowledgenetwork.emulators.notion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NotionApiEmulatorTest {

    private String token;
    private String database;

    @BeforeEach
    void database() {
        token = "secret_" + UUID.randomUUID();
        database = given().contentType("application/json")
                .body(Map.of("token", token, "properties", Map.of("Name", "title", "Keep ID", "rich_text")))
                .post("/_emulator/notion/databases").then().statusCode(200).extract().path("id");
    }

    private RequestSpecification notion() {
        return given().header("Authorization", "Bearer " + token).header("Notion-Version", "2022-06-28").contentType("application/json");
    }

    private static Map<String, Object> paragraph(String text) {
        return Map.of("type", "paragraph", "paragraph", Map.of("rich_text", List.of(Map.of("text", Map.of("content", text)))));
    }

    private Map<String, Object> page(List<?> children) {
        return Map.of("parent", Map.of("database_id", database),
                "properties", Map.of("Keep ID", Map.of("rich_text", List.of(Map.of("text", Map.of("content", "k1"))))),
                "children", children);
    }

    private static void validationError(io.restassured.response.ValidatableResponse response, String message) {
        response.statusCode(400).body("object", equalTo("error")).body("status", equalTo(400))
                .body("code", equalTo("validation_error")).body("message", containsString(message));
    }

    @Test
    void aRequestWithoutNotionVersionIsRefused() {
        given().header("Authorization", "Bearer " + token).get("/notion/v1/databases/" + database)
                .then().statusCode(400).body("code", equalTo("missing_version"));
    }

    @Test
    void anUnknownTokenIsUnauthorizedAndAnUnknownDatabaseNotFound() {
        given().header("Authorization", "Bearer nope").header("Notion-Version", "2022-06-28").get("/notion/v1/databases/" + database)
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        notion().get("/notion/v1/databases/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo("object_not_found"));
    }

    @Test
    void createsFindsAndArchivesAPage() {
        String pageId = notion().body(page(List.of(paragraph("hello")))).post("/notion/v1/pages")
                .then().statusCode(200).body("object", equalTo("page")).extract().path("id");
        notion().body(Map.of("filter", Map.of("property", "Keep ID", "rich_text", Map.of("equals", "k1"))))
                .post("/notion/v1/databases/" + database + "/query").then().statusCode(200)
                .body("results", hasSize(1)).body("results[0].id", equalTo(pageId));
        notion().body(Map.of("archived", true)).patch("/notion/v1/pages/" + pageId).then().statusCode(200).body("archived", equalTo(true));
        notion().body(Map.of("filter", Map.of("property", "Keep ID", "rich_text", Map.of("equals", "k1"))))
                .post("/notion/v1/databases/" + database + "/query").then().body("results", hasSize(0));
    }

    @Test
    void blockChildrenArePagedAppendedAndDeleted() {
        List<Object> children = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            children.add(paragraph("p" + i));
        }
        String pageId = notion().body(page(children)).post("/notion/v1/pages").then().statusCode(200).extract().path("id");
        notion().body(Map.of("children", List.of(paragraph("p100")))).patch("/notion/v1/blocks/" + pageId + "/children").then().statusCode(200);
        String cursor = notion().queryParam("page_size", 100).get("/notion/v1/blocks/" + pageId + "/children")
                .then().statusCode(200).body("results", hasSize(100)).body("has_more", equalTo(true)).extract().path("next_cursor");
        String last = notion().queryParam("start_cursor", cursor).get("/notion/v1/blocks/" + pageId + "/children")
                .then().body("results", hasSize(1)).body("results[0].paragraph.rich_text[0].plain_text", equalTo("p100"))
                .extract().path("results[0].id");
        notion().delete("/notion/v1/blocks/" + last).then().statusCode(200).body("archived", equalTo(true));
        notion().queryParam("start_cursor", cursor).get("/notion/v1/blocks/" + pageId + "/children").then().body("results", hasSize(0));
    }

    @Test
    void notionsLimitsAreValidationErrors() {
        validationError(notion().body(page(List.of(paragraph("x".repeat(2001))))).post("/notion/v1/pages").then(), "should be ≤ `2000`");
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(paragraph("p"));
        }
        validationError(notion().body(page(many)).post("/notion/v1/pages").then(), "children.length should be ≤ `100`, instead was `101`");
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(Map.of("text", Map.of("content", "t")));
        }
        validationError(notion().body(page(List.of(Map.of("paragraph", Map.of("rich_text", items))))).post("/notion/v1/pages").then(),
                "rich_text.length should be ≤ `100`");
        Map<String, Object> level3 = Map.of("type", "to_do", "to_do", Map.of("rich_text", List.of(), "children", List.of(
                Map.of("type", "to_do", "to_do", Map.of("rich_text", List.of(), "children", List.of(
                        Map.of("type", "to_do", "to_do", Map.of("rich_text", List.of()))))))));
        validationError(notion().body(page(List.of(level3))).post("/notion/v1/pages").then(), "more than 2 levels");
        validationError(notion().body(Map.of("parent", Map.of("database_id", database), "properties", Map.of("Keep ID", Map.of("checkbox", true))))
                .post("/notion/v1/pages").then(), "Keep ID is expected to be rich_text.");
        validationError(notion().body(Map.of("parent", Map.of("database_id", database), "properties", Map.of("Nope", Map.of("checkbox", true))))
                .post("/notion/v1/pages").then(), "Nope is not a property that exists.");
        given().get("/_emulator/notion/databases/" + database + "/pages").then().body("$", hasSize(0));
    }

    @Test
    void aDatabaseUpdateAddsProperties() {
        notion().body(Map.of("properties", Map.of("Labels", Map.of("multi_select", Map.of()))))
                .patch("/notion/v1/databases/" + database).then().statusCode(200)
                .body("properties.Labels.type", equalTo("multi_select"));
    }

    @Test
    void aFileUploadIsSentAsMultipartAndUsedInAnImageBlock() {
        String uploadUrl = notion().body(Map.of("filename", "a.png", "content_type", "image/png")).post("/notion/v1/file_uploads")
                .then().statusCode(200).body("status", equalTo("pending")).extract().path("upload_url");
        String id = given().header("Authorization", "Bearer " + token).header("Notion-Version", "2022-06-28")
                .multiPart("file", "a.png", new byte[] {1, 2, 3}, "image/png").post(uploadUrl)
                .then().statusCode(200).body("status", equalTo("uploaded")).extract().path("id");
        String pageId = notion().body(page(List.of(Map.of("type", "image", "image", Map.of("type", "file_upload", "file_upload", Map.of("id", id))))))
                .post("/notion/v1/pages").then().statusCode(200).extract().path("id");
        given().get("/_emulator/notion/pages/" + pageId).then().body("children[0].image.file.file_upload_id", equalTo(id));
        validationError(notion().body(page(List.of(Map.of("type", "image", "image", Map.of("type", "file_upload", "file_upload", Map.of("id", "missing"))))))
                .post("/notion/v1/pages").then(), "Could not find file upload");
    }

    @Test
    void aLargeFileGoesUpInPartsAndIsUsableOnlyOnceCompleted() {
        byte[] first = new byte[5 * 1024 * 1024];
        first[0] = 7;
        byte[] last = {1, 2, 3};
        String id = notion().body(Map.of("mode", "multi_part", "number_of_parts", 2, "filename", "big.pdf", "content_type", "application/pdf"))
                .post("/notion/v1/file_uploads").then().statusCode(200).body("status", equalTo("pending")).extract().path("id");
        String sendUrl = "/notion/v1/file_uploads/" + id + "/send";
        validationError(notion().body(Map.of()).post("/notion/v1/file_uploads/" + id + "/complete").then(), "0 of its 2 parts");
        // A part but the last under 5 MB is refused.
        validationError(sendPart(sendUrl, 1, last), "at least 5MB");
        sendPart(sendUrl, 2, last).statusCode(200).body("status", equalTo("pending")).body("number_of_parts.sent", equalTo(1));
        sendPart(sendUrl, 1, first).statusCode(200).body("number_of_parts.sent", equalTo(2));
        notion().body(Map.of()).post("/notion/v1/file_uploads/" + id + "/complete").then().statusCode(200).body("status", equalTo("uploaded"));
        byte[] whole = new byte[first.length + last.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(last, 0, whole, first.length, last.length);
        String sha;
        try {
            sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(whole));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        given().get("/_emulator/notion/file-uploads/" + id).then().body("sha256", equalTo(sha)).body("content_length", equalTo(whole.length));
    }

    @Test
    void aKeepVoiceMemoIsNotAFileTypeNotionTakes() {
        validationError(notion().body(Map.of("filename", "memo.3gp", "content_type", "audio/3gpp")).post("/notion/v1/file_uploads").then(),
                "audio/3gpp is not supported");
        notion().body(Map.of("filename", "memo.m4a", "content_type", "audio/mp4")).post("/notion/v1/file_uploads").then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse sendPart(String url, int part, byte[] bytes) {
        return given().header("Authorization", "Bearer " + token).header("Notion-Version", "2022-06-28")
                .multiPart("file", "big.pdf", bytes, "application/pdf").multiPart("part_number", String.valueOf(part)).post(url).then();
    }

    @Test
    void overTheRateItAnswers429WithRetryAfterAndCountsIt() {
        given().contentType("application/json").body(Map.of("token", token, "rate", 1, "burst", 2)).post("/_emulator/notion/tokens");
        notion().get("/notion/v1/databases/" + database).then().statusCode(200);
        notion().get("/notion/v1/databases/" + database).then().statusCode(200);
        notion().get("/notion/v1/databases/" + database).then().statusCode(429).body("code", equalTo("rate_limited"))
                .header("Retry-After", notNullValue());
        given().get("/_emulator/notion/tokens/" + token + "/stats").then()
                .body("requests", equalTo(3)).body("rateLimited", equalTo(1)).body("maxRequestsInOneSecond", equalTo(3));
    }

    @Test
    void requestsOfATokenThatComeBeforeItsRetryAfterHasPassedAreCounted() {
        given().contentType("application/json").body(Map.of("status", 429, "times", 1, "retryAfterSeconds", 60)).post("/_emulator/notion/faults");
        notion().get("/notion/v1/databases/" + database).then().statusCode(429).header("Retry-After", equalTo("60"));
        given().get("/_emulator/notion/tokens/" + token + "/stats").then().body("requestsDuringRetryAfter", equalTo(0));

        notion().get("/notion/v1/databases/" + database).then().statusCode(200);

        given().get("/_emulator/notion/tokens/" + token + "/stats").then().body("requests", equalTo(2)).body("requestsDuringRetryAfter", equalTo(1));
    }

    @Test
    void injectedFaultsAnswerTheNextRequests() {
        given().contentType("application/json").body(Map.of("status", 409, "times", 1)).post("/_emulator/notion/faults");
        given().contentType("application/json").body(Map.of("status", 503, "times", 1)).post("/_emulator/notion/faults");
        given().contentType("application/json").body(Map.of("status", 500, "times", 1)).post("/_emulator/notion/faults");
        notion().get("/notion/v1/databases/" + database).then().statusCode(409).body("code", equalTo("conflict_error"));
        notion().get("/notion/v1/databases/" + database).then().statusCode(503).body("code", equalTo("service_unavailable"));
        notion().get("/notion/v1/databases/" + database).then().statusCode(500).body("code", equalTo("internal_server_error"));
        notion().get("/notion/v1/databases/" + database).then().statusCode(200);
    }

    @Test
    void aFaultThatTakesEffectCarriesOutTheRequestAndAnswersTheError() {
        given().contentType("application/json").body(Map.of("status", 503, "times", 1, "request", "POST /pages", "takesEffect", true))
                .post("/_emulator/notion/faults").then().statusCode(200);

        notion().body(page(List.of(paragraph("landed")))).post("/notion/v1/pages").then().statusCode(503)
                .body("object", equalTo("error")).body("code", equalTo("service_unavailable"));

        String pageId = notion().body(Map.of("filter", Map.of("property", "Keep ID", "rich_text", Map.of("equals", "k1"))))
                .post("/notion/v1/databases/" + database + "/query").then().statusCode(200).body("results", hasSize(1))
                .extract().path("results[0].id");
        given().get("/_emulator/notion/pages/" + pageId).then().body("children[0].paragraph.rich_text[0].plain_text", equalTo("landed"));
        // The fault was spent on that request: the next one is answered as usual.
        notion().body(page(List.of())).post("/notion/v1/pages").then().statusCode(200);
    }

    private HttpRequest create(String text, Duration timeout) throws Exception {
        return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/notion/v1/pages"))
                .header("Authorization", "Bearer " + token).header("Notion-Version", "2022-06-28").header("Content-Type", "application/json")
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(page(List.of(paragraph(text)))))).build();
    }

    private List<String> pagesWithKeepId() {
        return notion().body(Map.of("filter", Map.of("property", "Keep ID", "rich_text", Map.of("equals", "k1"))))
                .post("/notion/v1/databases/" + database + "/query").then().statusCode(200).extract().path("results.id");
    }

    @Test
    void aSlowAnswerComesLateButTheRequestWasCarriedOutAtOnce() throws Exception {
        long holdMillis = 5000;
        given().contentType("application/json").body(Map.of("status", 0, "times", 1, "delayMillis", holdMillis, "request", "POST /pages"))
                .post("/_emulator/notion/faults");
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(create("late", Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString());

        // Poll for the page while its answer is held back.
        List<String> found = List.of();
        for (long deadline = System.nanoTime() + holdMillis * 1_000_000; found.isEmpty() && System.nanoTime() < deadline; ) {
            found = pagesWithKeepId();
        }

        assertEquals(1, found.size(), "the page exists before its answer leaves");
        assertFalse(answer.isDone(), "while the page exists, its answer is still held back");
        HttpResponse<String> late = answer.get(30, TimeUnit.SECONDS);
        assertEquals(200, late.statusCode(), "the answer comes, late");
        assertEquals(found.get(0), new ObjectMapper().readTree(late.body()).path("id").asText());
    }

    @Test
    void aClientWhoseTimeoutFiresFirstCannotTellThatItsRequestTookEffect() throws Exception {
        given().contentType("application/json").body(Map.of("status", 0, "times", 1, "delayMillis", 3000)).post("/_emulator/notion/faults");

        assertThrows(HttpTimeoutException.class,
                () -> HttpClient.newHttpClient().send(create("late", Duration.ofMillis(1000)), HttpResponse.BodyHandlers.ofString()));

        // The client saw nothing, yet the page exists: what a writer must expect after a timed-out create.
        assertEquals(1, pagesWithKeepId().size());
    }

    @Test
    void aPageTrashedByAUserRefusesEditsUntilRestoredAndADeletedOneIsNotFound() {
        String pageId = notion().body(page(List.of(paragraph("hello")))).post("/notion/v1/pages").then().statusCode(200).extract().path("id");
        Map<String, Object> retitle = Map.of("properties", Map.of("Name", Map.of("title", List.of(Map.of("text", Map.of("content", "new"))))));

        given().post("/_emulator/notion/pages/" + pageId + "/trash").then().statusCode(200).body("archived", equalTo(true));
        validationError(notion().body(retitle).patch("/notion/v1/pages/" + pageId).then(), "Can't edit block that is archived");
        validationError(notion().body(Map.of("children", List.of(paragraph("more")))).patch("/notion/v1/blocks/" + pageId + "/children").then(),
                "Can't edit block that is archived");
        notion().body(Map.of("archived", false, "properties", retitle.get("properties"))).patch("/notion/v1/pages/" + pageId)
                .then().statusCode(200).body("archived", equalTo(false)).body("properties.Name.title[0].plain_text", equalTo("new"));

        given().delete("/_emulator/notion/pages/" + pageId).then().statusCode(200);
        notion().get("/notion/v1/pages/" + pageId).then().statusCode(404).body("code", equalTo("object_not_found"));
        notion().body(Map.of("archived", false)).patch("/notion/v1/pages/" + pageId).then().statusCode(404).body("code", equalTo("object_not_found"));
        notion().get("/notion/v1/blocks/" + pageId + "/children").then().statusCode(404).body("code", equalTo("object_not_found"));
    }

    @Test
    void aFaultNamingARequestWaitsForThatRequest() {
        given().contentType("application/json").body(Map.of("status", 504, "times", 1, "request", "POST /pages")).post("/_emulator/notion/faults");
        notion().get("/notion/v1/databases/" + database).then().statusCode(200);
        notion().body(Map.of()).post("/notion/v1/databases/" + database + "/query").then().statusCode(200);
        notion().body(page(List.of())).post("/notion/v1/pages").then().statusCode(504).body("code", equalTo("gateway_timeout"));
        notion().body(Map.of()).post("/notion/v1/databases/" + database + "/query").then().statusCode(200).body("results", hasSize(0));
        notion().body(page(List.of())).post("/notion/v1/pages").then().statusCode(200);
    }
}
