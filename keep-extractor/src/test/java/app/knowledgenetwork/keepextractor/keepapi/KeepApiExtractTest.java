package app.knowledgenetwork.keepextractor.keepapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceEndpoints;
import com.google.api.client.http.javanet.NetHttpTransport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeepEmulatorTestResource.class)
class KeepApiExtractTest {

    @Inject
    GoogleCredentialsFactory credentials;
    @Inject
    KeepApiConfig keepConfig;
    @ConfigProperty(name = "kn.s3.bucket")
    String bucket;

    private static final String JWT_GRANT = "token.urn:ietf:params:oauth:grant-type:jwt-bearer";

    String user;

    @BeforeEach
    void freshUser() {
        user = "u-" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
    }

    private void seed(String notesJson) {
        given().baseUri(EmulatorsTestResource.baseUrl().toString()).contentType(ContentType.JSON).body(notesJson)
                .post("/_emulator/keep/users/" + user + "/notes").then().statusCode(201);
    }

    private long emulatorCount(String kind) {
        Map<String, Object> counts = given().baseUri(EmulatorsTestResource.baseUrl().toString())
                .get("/_emulator/keep/requests").then().statusCode(200).extract().as(Map.class);
        return counts.containsKey(kind) ? ((Number) counts.get(kind)).longValue() : 0;
    }

    private void injectFaults(String status, int count) {
        given().baseUri(EmulatorsTestResource.baseUrl().toString()).contentType(ContentType.JSON)
                .body("{\"status\":\"" + status + "\",\"count\":" + count + "}").post("/_emulator/keep/faults").then().statusCode(204);
    }

    private JsonPath extract(String credentialsJson, String watermark) {
        String body = "{\"jobId\":\"job-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"credentials\":" + credentialsJson
                + (watermark == null ? "" : ",\"watermark\":\"" + watermark + "\"") + "}";
        return given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(body).post("/api/v1/keep/notes:extract")
                .then().statusCode(200).extract().jsonPath();
    }

    private String serviceAccount() {
        return "{\"type\":\"SERVICE_ACCOUNT\",\"subject\":\"" + user + "\"}";
    }

    private static String textNote(String id, Instant created, Instant updated) {
        return "{\"id\":\"" + id + "\",\"title\":\"Title " + id + "\",\"createTime\":\"" + created + "\",\"updateTime\":\"" + updated
                + "\",\"body\":{\"text\":{\"text\":\"Body of " + id + "\"}}}";
    }

    @Test
    void readsEveryNoteAcrossPagesWithTheServiceAccount() {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        StringBuilder notes = new StringBuilder("[");
        for (int i = 0; i < 230; i++) {
            notes.append(i == 0 ? "" : ",").append(textNote("n" + i, base.plusSeconds(i), base.plusSeconds(i)));
        }
        seed(notes.append("]").toString());
        long listsBefore = emulatorCount("notes.list");

        JsonPath result = extract(serviceAccount(), null);

        List<String> ids = result.getList("notes.id");
        assertEquals(230, ids.size());
        assertEquals(230, ids.stream().distinct().count());
        assertEquals("Body of n7", result.getString("notes.find { it.id == 'n7' }.body.text"));
        assertEquals("text", result.getString("notes.find { it.id == 'n7' }.body.type"));
        assertEquals("KEEP_API", result.getString("notes[0].source"));
        assertEquals(List.of(), result.getList("notes[0].labels"));
        assertEquals(false, result.getBoolean("notes[0].pinned"));
        assertEquals(base.plusSeconds(229).toString(), result.getString("watermark"));
        // 3 pages of at most 100 live notes, then one (empty) page of trashed notes.
        assertEquals(4, emulatorCount("notes.list") - listsBefore);
    }

    @Test
    void readsOnlyWhatChangedSinceTheWatermarkMinusTheOverlap() {
        Instant watermark = Instant.parse("2026-02-01T12:00:00Z");
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        seed("[" + textNote("long-ago", created, watermark.minus(1, ChronoUnit.HOURS)) + ","
                + textNote("within-overlap", created, watermark.minus(3, ChronoUnit.MINUTES)) + ","
                + textNote("after", created, watermark.plus(1, ChronoUnit.MINUTES)) + ","
                + "{\"id\":\"trashed-since\",\"createTime\":\"" + created + "\",\"trashTime\":\"" + watermark.plus(2, ChronoUnit.MINUTES)
                + "\",\"body\":{\"text\":{\"text\":\"bye\"}}},"
                + "{\"id\":\"trashed-long-ago\",\"createTime\":\"" + created + "\",\"trashTime\":\"" + watermark.minus(2, ChronoUnit.HOURS)
                + "\",\"body\":{\"text\":{\"text\":\"old\"}}}]");

        JsonPath result = extract(serviceAccount(), watermark.toString());

        assertEquals(java.util.Set.of("within-overlap", "after", "trashed-since"), java.util.Set.copyOf(result.getList("notes.id")));
        assertEquals(true, result.getBoolean("notes.find { it.id == 'trashed-since' }.trashed"));
        assertEquals(false, result.getBoolean("notes.find { it.id == 'after' }.trashed"));
        assertEquals(watermark.plus(2, ChronoUnit.MINUTES).toString(), result.getString("watermark"));
    }

    @Test
    void aFullReadIncludesTrashedNotesMarkedAsTrashed() {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        seed("[" + textNote("live", created, created) + ",{\"id\":\"in-trash\",\"createTime\":\"" + created
                + "\",\"trashed\":true,\"body\":{\"list\":{\"listItems\":[{\"text\":{\"text\":\"milk\"},\"checked\":true,"
                + "\"childListItems\":[{\"text\":{\"text\":\"oat\"}}]}]}}}]");

        JsonPath result = extract(serviceAccount(), null);

        assertEquals(List.of("live", "in-trash"), result.getList("notes.id"));
        assertEquals(true, result.getBoolean("notes[1].trashed"));
        assertEquals("checklist", result.getString("notes[1].body.type"));
        assertEquals("milk", result.getString("notes[1].body.items[0].text"));
        assertEquals(true, result.getBoolean("notes[1].body.items[0].checked"));
        assertEquals("oat", result.getString("notes[1].body.items[0].children[0].text"));
        assertEquals(false, result.getBoolean("notes[1].body.items[0].children[0].checked"));
    }

    @Test
    void readsWithAUsersRefreshTokenAndRefusesAnUnknownOne() {
        String refreshToken = "1//rt-" + UUID.randomUUID();
        given().baseUri(EmulatorsTestResource.baseUrl().toString()).contentType(ContentType.JSON)
                .body("{\"refreshToken\":\"" + refreshToken + "\",\"clientId\":\"" + KeepEmulatorTestResource.OAUTH_CLIENT_ID
                        + "\",\"clientSecret\":\"" + KeepEmulatorTestResource.OAUTH_CLIENT_SECRET + "\",\"user\":\"" + user + "\"}")
                .post("/_emulator/keep/refresh-tokens").then().statusCode(204);
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        seed("[" + textNote("mine", created, created) + "]");
        long refreshesBefore = emulatorCount("token.refresh_token");

        JsonPath result = extract("{\"type\":\"REFRESH_TOKEN\",\"refreshToken\":\"" + refreshToken + "\"}", null);

        assertEquals(List.of("mine"), result.getList("notes.id"));
        assertTrue(emulatorCount("token.refresh_token") > refreshesBefore);
        given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"jobId\":\"job-x\",\"credentials\":{\"type\":\"REFRESH_TOKEN\",\"refreshToken\":\"1//revoked\"}}")
                .post("/api/v1/keep/notes:extract").then().statusCode(401)
                .body("detail", containsString("invalid_grant"));
    }

    @Test
    void copiesAttachmentsToS3UnderTheJobPrefix() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4};
        seed("{\"id\":\"photo\",\"createTime\":\"2026-01-01T00:00:00Z\",\"body\":{\"text\":{\"text\":\"\"}},\"attachments\":[{\"id\":\"att1\","
                + "\"mimeType\":[\"image/png\",\"image/jpeg\"],\"contentBase64\":\"" + Base64.getEncoder().encodeToString(png) + "\"}]}");

        JsonPath result = given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"jobId\":\"job-att\",\"credentials\":" + serviceAccount() + "}")
                .post("/api/v1/keep/notes:extract").then().statusCode(200).extract().jsonPath();

        String key = result.getString("notes[0].attachments[0].s3Key");
        assertEquals("jobs/job-att/keep-api/photo/att1", key);
        assertEquals("image/png", result.getString("notes[0].attachments[0].mimeType"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)),
                result.getString("notes[0].attachments[0].sha256"));
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            assertEquals("image/png", head.contentType());
            assertEquals(png.length, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray().length);
        }
    }

    @Test
    void aDownloadInATypeTheAttachmentDoesNotHaveIsRefusedWithoutRetrying() {
        seed("{\"id\":\"photo\",\"createTime\":\"2026-01-01T00:00:00Z\",\"body\":{\"text\":{\"text\":\"\"}},\"attachments\":[{\"id\":\"att1\","
                + "\"mimeType\":[\"image/png\"],\"contentBase64\":\"AAEC\"}]}");
        KeepApiClient client = new KeepApiClient(credentials.credentials(new KeepCredentials.ServiceAccount(user)), keepConfig,
                new NetHttpTransport());
        long downloadsBefore = emulatorCount("media.download");

        KeepApiException refused = assertThrows(KeepApiException.class,
                () -> client.download("notes/photo/attachments/att1", "image/gif", 1024));

        assertEquals(400, refused.httpStatus());
        assertEquals("INVALID_ARGUMENT", refused.googleStatus());
        assertTrue(refused.getMessage().contains("image/gif"), refused.getMessage());
        assertEquals(1, emulatorCount("media.download") - downloadsBefore);
        assertEquals(3, client.download("notes/photo/attachments/att1", "image/png", 1024).length);
    }

    @Test
    void retriesUnavailable() {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        seed("[" + textNote("a", created, created) + "," + textNote("b", created.plusSeconds(1), created) + "]");
        long listsBefore = emulatorCount("notes.list");
        injectFaults("UNAVAILABLE", 2);

        assertEquals(List.of("a", "b"), extract(serviceAccount(), null).getList("notes.id"));

        assertEquals(2 + 1 + 1, emulatorCount("notes.list") - listsBefore, "two refused, the live listing, the trashed listing");
    }

    @Test
    void aListingAbortedOnALaterPageStartsAgainFromTheFirstAndReadsEveryNoteOnce() {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        StringBuilder notes = new StringBuilder("[");
        for (int i = 0; i < 250; i++) {
            notes.append(i == 0 ? "" : ",").append(textNote("n" + i, base.plusSeconds(i), base.plusSeconds(i)));
        }
        seed(notes.append("]").toString());
        long listsBefore = emulatorCount("notes.list");
        // Google aborts the second page (its page token is stale once the notes changed): the first page's notes
        // may have changed too, so only a listing from the first page again is complete.
        given().baseUri(EmulatorsTestResource.baseUrl().toString()).contentType(ContentType.JSON)
                .body("{\"status\":\"ABORTED\",\"count\":1,\"request\":\"notes.list\",\"after\":1}")
                .post("/_emulator/keep/faults").then().statusCode(204);

        JsonPath result = extract(serviceAccount(), null);

        List<String> ids = result.getList("notes.id");
        assertEquals(250, ids.size(), "no note twice, none missing");
        assertEquals(250, ids.stream().distinct().count());
        assertEquals("n249", ids.get(249));
        assertEquals(1 + 1 + 3 + 1, emulatorCount("notes.list") - listsBefore,
                "page 1, page 2 aborted, pages 1 to 3 again, then the trashed listing");
    }

    @Test
    void anAccessTokenThatExpiredIsRefreshedAndTheRequestSentAgain() {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        seed("[" + textNote("a", created, created) + "]");
        KeepApiClient client = new KeepApiClient(credentials.credentials(new KeepCredentials.ServiceAccount(user)), keepConfig,
                new NetHttpTransport());
        long grantsBefore = emulatorCount(JWT_GRANT);
        assertEquals(1, client.listAll(Optional.empty()).size());
        // Google may end a token before the expiry it announced (revoked grant, changed password, key rotation).
        given().baseUri(EmulatorsTestResource.baseUrl().toString()).post("/_emulator/keep/users/" + user + "/expire-access-tokens")
                .then().statusCode(200).body("expired", equalTo(1));
        long listsBefore = emulatorCount("notes.list");

        assertEquals(1, client.listAll(Optional.empty()).size());

        assertEquals(2, emulatorCount(JWT_GRANT) - grantsBefore, "the first token, then one fresh token after the 401");
        assertEquals(2, emulatorCount("notes.list") - listsBefore, "refused with the expired token, then served with the fresh one");
    }

    @Test
    void aRateLimitedRequestIsSentAgainNoSoonerThanItsRetryAfter() {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        seed("[" + textNote("a", created, created) + "]");
        given().baseUri(EmulatorsTestResource.baseUrl().toString()).contentType(ContentType.JSON)
                .body("{\"status\":\"RESOURCE_EXHAUSTED\",\"count\":1,\"request\":\"notes.list\",\"retryAfterSeconds\":1}")
                .post("/_emulator/keep/faults").then().statusCode(204);
        long earlyBefore = emulatorCount("retry_after.early");
        long listsBefore = emulatorCount("notes.list");

        assertEquals(List.of("a"), extract(serviceAccount(), null).getList("notes.id"));

        assertEquals(1 + 1 + 1, emulatorCount("notes.list") - listsBefore, "the 429, its retry, the trashed listing");
        assertEquals(earlyBefore, emulatorCount("retry_after.early"), "the retry came after Retry-After: 1 had passed, not before");
    }

    @Test
    void refusesARequestWithoutCredentials() {
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"jobId\":\"job-1\"}").post("/api/v1/keep/notes:extract")
                .then().statusCode(400).body("detail", containsString("credentials"));
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"jobId\":\"../etc\",\"credentials\":" + serviceAccount() + "}")
                .post("/api/v1/keep/notes:extract").then().statusCode(400).body("detail", containsString("jobId"));
    }

    private static String attachmentNote(String id, Instant updated, String... attachments) {
        return "{\"id\":\"" + id + "\",\"createTime\":\"" + updated + "\",\"updateTime\":\"" + updated
                + "\",\"body\":{\"text\":{\"text\":\"with files\"}},\"attachments\":[" + String.join(",", attachments) + "]}";
    }

    private static String attachment(String id, int bytes) {
        return "{\"id\":\"" + id + "\",\"mimeType\":[\"image/png\"],\"contentBase64\":\"" + Base64.getEncoder().encodeToString(new byte[bytes]) + "\"}";
    }

    private JsonPath extractJob(String jobId, String watermark) {
        return given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"jobId\":\"" + jobId + "\",\"credentials\":" + serviceAccount() + (watermark == null ? "" : ",\"watermark\":\"" + watermark + "\"") + "}")
                .post("/api/v1/keep/notes:extract").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anAttachmentOverTheLimitLeavesOutThatNoteWholeAndReportsItWhileTheOthersGoThrough() {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        long limit = keepConfig.maxAttachmentBytes();
        seed("[" + textNote("fine", t, t) + "," + attachmentNote("huge", t.plusSeconds(1), attachment("small", 10), attachment("big", (int) limit + 1))
                + "," + attachmentNote("photo", t.plusSeconds(2), attachment("p1", 10)) + "]");
        String jobId = "job-" + UUID.randomUUID().toString().substring(0, 8);

        JsonPath result = extractJob(jobId, null);

        assertEquals(List.of("fine", "photo"), result.getList("notes.id"));
        assertEquals(List.of("huge"), result.getList("failures.noteId"));
        assertTrue(result.getString("failures[0].reason").contains("notes/huge/attachments/big is larger than the limit of " + limit),
                result.getString("failures[0].reason"));
        assertEquals(false, result.getBoolean("failures[0].retryable"));
        assertEquals(t.plusSeconds(2).toString(), result.getString("watermark"), "only a change of the note can help it: the watermark moves on");
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            String photoKey = "jobs/" + jobId + "/keep-api/photo/p1";
            assertEquals(10, s3.getObjectAsBytes(b -> b.bucket(bucket).key(photoKey)).asByteArray().length);
            S3Exception gone = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key("jobs/" + jobId + "/keep-api/huge/small")),
                    "the left-out note's attachment copied before the failure is removed again");
            assertEquals(404, gone.statusCode());
        }
    }

    @Test
    void anAttachmentThatKeepsFailingToDownloadLeavesOutThatNoteAndTheNextRunReadsItAgain() {
        Instant t = Instant.parse("2026-04-01T00:00:00Z");
        seed("[" + textNote("a", t, t) + "," + attachmentNote("b", t.plusSeconds(60), attachment("b1", 10)) + ","
                + textNote("c", t.plusSeconds(120), t.plusSeconds(120)) + "]");
        given().baseUri(EmulatorsTestResource.baseUrl().toString()).contentType(ContentType.JSON)
                .body("{\"status\":\"UNAVAILABLE\",\"count\":" + (keepConfig.maxRetries() + 1) + ",\"request\":\"media.download\"}")
                .post("/_emulator/keep/faults").then().statusCode(204);

        JsonPath first = extractJob("job-" + UUID.randomUUID().toString().substring(0, 8), null);

        assertEquals(List.of("a", "c"), first.getList("notes.id"));
        assertEquals(List.of("b"), first.getList("failures.noteId"));
        assertTrue(first.getString("failures[0].reason").contains("notes/b/attachments/b1 could not be downloaded"), first.getString("failures[0].reason"));
        assertEquals(true, first.getBoolean("failures[0].retryable"));
        assertEquals(t.plusSeconds(60).toString(), first.getString("watermark"), "held at the failed note, not at c's later time");

        JsonPath second = extractJob("job-" + UUID.randomUUID().toString().substring(0, 8), first.getString("watermark"));

        assertEquals(List.of("a", "b", "c"), second.getList("notes.id"), "a is re-read inside the safety overlap");
        assertEquals(List.of(), second.getList("failures"));
        assertEquals(t.plusSeconds(120).toString(), second.getString("watermark"));
    }
}
