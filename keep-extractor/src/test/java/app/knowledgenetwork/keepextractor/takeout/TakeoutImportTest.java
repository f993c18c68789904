package app.knowledgenetwork.keepextractor.takeout;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import app.knowledgenetwork.testsupport.ServiceEndpoints;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Takeout archives built here with java.util.zip; the test profile limits an entry to 64 KiB. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
class TakeoutImportTest {

    @ConfigProperty(name = "kn.s3.bucket")
    String bucket;

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String textNote(String title, String text) {
        return "{\"title\":\"" + title + "\",\"textContent\":\"" + text + "\",\"isTrashed\":false,\"isPinned\":false,"
                + "\"isArchived\":false,\"color\":\"DEFAULT\",\"createdTimestampUsec\":1700000000000000,\"userEditedTimestampUsec\":1700000001000000}";
    }

    private JsonPath importArchive(String jobId, byte[] archive) {
        return given().contentType("application/zip").body(archive).queryParam("jobId", jobId)
                .post("/api/v1/takeout-imports").then().statusCode(200).extract().jsonPath();
    }

    private static String reason(JsonPath result, String file) {
        return result.getString("report.find { it.file == '" + file + "' }.reason");
    }

    private static String status(JsonPath result, String file) {
        return result.getString("report.find { it.file == '" + file + "' }.status");
    }

    @Test
    void goodNotesGoThroughAndEveryBadOneIsNamedWithItsReason() throws IOException {
        byte[] photo = randomBytes(3000, 1);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Takeout/Keep/Groceries.json", utf8("""
                {"title":"Groceries","listContent":[{"text":"Milk","isChecked":true},{"text":"Bread","isChecked":false}],
                 "color":"TEAL","isPinned":true,"isArchived":false,"isTrashed":false,
                 "labels":[{"name":"Home"},{"name":"Errands"}],
                 "attachments":[{"filePath":"photo.jpg","mimetype":"image/jpeg"}],
                 "annotations":[{"description":"Recipe site","source":"WEBLINK","title":"Bread recipe","url":"https://example.org/bread"}],
                 "sharees":[{"isOwner":true,"type":"WRITER","email":"me@example.com"}],
                 "createdTimestampUsec":1700000000123456,"userEditedTimestampUsec":1700000500000000,"unknownField":1}"""));
        entries.put("Takeout/Keep/Groceries.html", utf8("<html>duplicate</html>"));
        entries.put("Takeout/Keep/Labels.txt", utf8("Home\nErrands\n"));
        entries.put("Takeout/Keep/photo.jpg", photo);
        entries.put("Takeout/Keep/stray.png", randomBytes(100, 2));
        entries.put("Takeout/Keep/Idea.json", utf8(textNote("Idea", "Line one\\nLine two").replace("\"isArchived\":false", "\"isArchived\":true")));
        entries.put("Takeout/Keep/Broken.json", utf8("{\"title\": \"Broken\", \"textContent\": "));
        entries.put("Takeout/Keep/Lost photo.json", utf8(textNote("Lost", "x").replace("}", ",\"attachments\":[{\"filePath\":\"missing.png\",\"mimetype\":\"image/png\"}]}")));
        entries.put("Takeout/Keep/Huge.json", utf8(textNote("Huge", "a".repeat(70_000))));
        entries.put("Takeout/Keep/Big image.json", utf8(textNote("Big", "y").replace("}", ",\"attachments\":[{\"filePath\":\"big.png\",\"mimetype\":\"image/png\"}]}")));
        entries.put("Takeout/Keep/big.png", randomBytes(70_000, 3));
        entries.put("Takeout/Drive/unrelated.txt", utf8("not Keep"));

        JsonPath result = importArchive("job-takeout-1", zip(entries));

        assertEquals(4, result.getInt("imported"));
        assertEquals(2, result.getInt("rejected"));
        assertEquals(List.of("Groceries", "Idea", "Lost photo", "Big image"), result.getList("notes.id"));

        assertEquals("IMPORTED", status(result, "Takeout/Keep/Groceries.json"));
        assertEquals("REJECTED", status(result, "Takeout/Keep/Broken.json"));
        assertTrue(reason(result, "Takeout/Keep/Broken.json").startsWith("malformed JSON"), reason(result, "Takeout/Keep/Broken.json"));
        // A missing or unreadable attachment costs the note that file, never its text: imported, the file named.
        assertEquals("IMPORTED", status(result, "Takeout/Keep/Lost photo.json"));
        assertEquals("attachment 'missing.png' is not in the archive; the note is imported without it",
                reason(result, "Takeout/Keep/Lost photo.json"));
        assertEquals("x", result.getString("notes.find { it.id == 'Lost photo' }.body.text"));
        assertEquals(List.of(), result.getList("notes.find { it.id == 'Lost photo' }.attachments"));
        assertEquals("the entry is larger than the limit of 65536 bytes", reason(result, "Takeout/Keep/Huge.json"));
        assertEquals("IMPORTED", status(result, "Takeout/Keep/Big image.json"));
        assertEquals("attachment 'big.png' could not be read (the entry is larger than the limit of 65536 bytes); the note is imported without it",
                reason(result, "Takeout/Keep/Big image.json"));
        assertEquals("SKIPPED", status(result, "Takeout/Keep/big.png"));

        String groceries = "notes.find { it.id == 'Groceries' }";
        assertEquals("TAKEOUT", result.getString(groceries + ".source"));
        assertEquals("Groceries", result.getString(groceries + ".title"));
        assertEquals("checklist", result.getString(groceries + ".body.type"));
        assertEquals(List.of("Milk", "Bread"), result.getList(groceries + ".body.items.text"));
        assertEquals(List.of(true, false), result.getList(groceries + ".body.items.checked"));
        assertEquals(List.of("Home", "Errands"), result.getList(groceries + ".labels"));
        assertEquals("TEAL", result.getString(groceries + ".color"));
        assertEquals(true, result.getBoolean(groceries + ".pinned"));
        assertEquals("2023-11-14T22:13:20.123456Z", result.getString(groceries + ".createdAt"));
        assertEquals("2023-11-14T22:21:40Z", result.getString(groceries + ".updatedAt"));
        assertEquals("https://example.org/bread", result.getString(groceries + ".links[0].url"));
        assertEquals("Bread recipe", result.getString(groceries + ".links[0].title"));
        assertEquals("Recipe site", result.getString(groceries + ".links[0].description"));
        assertEquals("image/jpeg", result.getString(groceries + ".attachments[0].mimeType"));
        assertEquals("photo.jpg", result.getString(groceries + ".attachments[0].fileName"));
        assertEquals(3000, result.getInt(groceries + ".attachments[0].sizeBytes"));

        assertEquals("text", result.getString("notes.find { it.id == 'Idea' }.body.type"));
        assertEquals("Line one\nLine two", result.getString("notes.find { it.id == 'Idea' }.body.text"));
        assertEquals(true, result.getBoolean("notes.find { it.id == 'Idea' }.archived"));

        String key = result.getString(groceries + ".attachments[0].s3Key");
        assertTrue(key.startsWith("jobs/job-takeout-1/takeout/"), key);
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            assertArrayEquals(photo, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            // The stray file no note uses was removed again: only the photo stays under the job's prefix.
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("jobs/job-takeout-1/")).contents()
                    .stream().map(S3Object::key)
                    // S3Proxy's filesystem store lists the emptied folder as a key of its own; real S3 has no folders.
                    .filter(k -> !k.endsWith("/")).toList();
            assertEquals(List.of(key), keys);
        }
    }

    @Test
    void anArchiveIsStoredInS3FirstAndExtractedFromThereAsOftenAsNeeded() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Takeout/Keep/Stored.json", utf8(textNote("Stored", "kept").replace("}", ",\"attachments\":[{\"filePath\":\"p.png\",\"mimetype\":\"image/png\"}]}")));
        entries.put("Takeout/Keep/p.png", randomBytes(2000, 7));
        // Incompressible filler, so that the archive is over one 8 MiB part and goes up in parts (skipped when read: over 64 KiB).
        entries.put("Takeout/Keep/filler.bin", randomBytes(9 * 1024 * 1024, 8));
        byte[] archive = zip(entries);

        JsonPath stored = given().contentType("application/zip").body(archive).put("/api/v1/takeout-archives/job-stored")
                .then().statusCode(201).extract().jsonPath();
        assertEquals("takeouts/job-stored/archive.zip", stored.getString("key"));
        assertEquals(archive.length, stored.getLong("sizeBytes"));
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            assertArrayEquals(archive, s3.getObjectAsBytes(b -> b.bucket(bucket).key("takeouts/job-stored/archive.zip")).asByteArray());
        }

        // Extracted from S3, and again (a worker that died mid-extraction): the same notes, their attachments in place.
        for (int run = 0; run < 2; run++) {
            JsonPath result = given().post("/api/v1/takeout-archives/job-stored/import").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("Stored"), result.getList("notes.id"));
            String key = result.getString("notes[0].attachments[0].s3Key");
            try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
                assertArrayEquals(randomBytes(2000, 7), s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            }
        }

        // Written notes' attachments are deleted on request; only keys under jobs/ are accepted.
        JsonPath again = given().post("/api/v1/takeout-archives/job-stored/import").then().statusCode(200).extract().jsonPath();
        String attachment = again.getString("notes[0].attachments[0].s3Key");
        given().contentType("application/json").body(Map.of("keys", List.of(attachment))).post("/api/v1/attachments/deletions")
                .then().statusCode(200).body("deleted", org.hamcrest.Matchers.equalTo(1));
        try (S3Client s3 = S3TestResource.client(ServiceEndpoints.current())) {
            assertTrue(s3.listObjectsV2(b -> b.bucket(bucket).prefix(attachment)).contents().isEmpty(), attachment + " is still there");
        }
        given().contentType("application/json").body(Map.of("keys", List.of("takeouts/job-stored/archive.zip"))).post("/api/v1/attachments/deletions")
                .then().statusCode(400).body("detail", containsString("only attachment keys under jobs/"));

        // Gone (deleted, or expired by the bucket's lifecycle rule): a clear 404, not an empty import.
        given().delete("/api/v1/takeout-archives/job-stored").then().statusCode(204);
        given().post("/api/v1/takeout-archives/job-stored/import").then().statusCode(404)
                .body("detail", containsString("upload it again"));
        given().contentType("application/zip").body(archive).put("/api/v1/takeout-archives/{id}", "bad id").then().statusCode(400);
    }

    @Test
    void aCorruptArchiveKeepsTheNotesReadBeforeTheDamageAndSaysWhere() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Takeout/Keep/First.json", utf8(textNote("First", "ok")));
        entries.put("Takeout/Keep/noise.bin", randomBytes(20_000, 4));
        byte[] archive = zip(entries);
        byte[] truncated = Arrays.copyOf(archive, archive.length - 10_000);

        JsonPath result = importArchive("job-corrupt", truncated);

        assertEquals(List.of("First"), result.getList("notes.id"));
        assertEquals("SKIPPED", status(result, "(archive)"));
        assertTrue(reason(result, "(archive)").contains("corrupt after 'Takeout/Keep/noise.bin'"), reason(result, "(archive)"));
    }

    @Test
    void aZipBombStopsTheArchiveWithoutInflatingIt() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Takeout/Keep/Before.json", utf8(textNote("Before", "ok")));
        entries.put("Takeout/Keep/bomb.png", new byte[20 * 1024 * 1024]);
        entries.put("Takeout/Keep/After.json", utf8(textNote("After", "never read")));

        JsonPath result = importArchive("job-bomb", zip(entries));

        assertEquals(List.of("Before"), result.getList("notes.id"));
        assertTrue(reason(result, "(archive)").contains("'Takeout/Keep/bomb.png' expands more than 200 times"), reason(result, "(archive)"));
    }

    @Test
    void refusesAnUploadWithoutAJobIdAndReportsOneThatIsNotAZip() {
        given().contentType("application/zip").body(new byte[] {1, 2, 3}).post("/api/v1/takeout-imports")
                .then().statusCode(400).body("detail", containsString("jobId"));
        JsonPath result = importArchive("job-notzip", utf8("this is not a zip"));
        assertEquals(0, result.getInt("imported"));
        assertEquals("the upload is empty or not a zip file", reason(result, "(archive)"));
    }
}
