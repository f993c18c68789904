package app.knowledgenetwork.emulators.keep;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(KeepSeedFileTest.Seeded.class)
class KeepSeedFileTest {

    /** Starts the emulator with a seed file written here. */
    public static class Seeded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path seed = Files.createTempFile("keep-seed", ".json");
                seed.toFile().deleteOnExit();
                Files.writeString(seed, """
                        {"refreshTokens":[{"refreshToken":"1//seeded","clientId":"c","clientSecret":"s","user":"seeded@corp.example"}],
                         "users":{"seeded@corp.example":[
                           {"id":"s1","title":"Seeded","createTime":"2026-01-01T00:00:00Z","body":{"text":{"text":"from the file"}}},
                           {"id":"s2","trashed":true,"body":{"list":{"listItems":[{"text":{"text":"x"},"checked":true}]}}}]}}
                        """);
                return Map.of("kn.emulators.keep.seed-file", seed.toString(), "kn.emulators.keep.default-page-size", "1");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void servesTheNotesAndTokensOfTheSeedFile() {
        String token = given().formParam("grant_type", "refresh_token").formParam("refresh_token", "1//seeded")
                .formParam("client_id", "c").formParam("client_secret", "s").post("/google/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).get("/keep/v1/notes").then().statusCode(200)
                .body("notes.name", contains("notes/s1")).body("notes[0].body.text.text", equalTo("from the file"))
                .body("nextPageToken", equalTo(null));
        given().auth().oauth2(token).queryParam("filter", "trashed = true").get("/keep/v1/notes").then().statusCode(200)
                .body("notes.name", contains("notes/s2"));
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", "1//seeded")
                .formParam("client_id", "c").formParam("client_secret", "wrong").post("/google/oauth2/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
