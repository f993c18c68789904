package app.knowledgenetwork.emulators.notion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

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
@TestProfile(NotionSeedFileTest.Seeded.class)
class NotionSeedFileTest {

    static final String DATABASE = "5c6a28e1-0b4f-4f2e-9d55-1f0a5e1c0d11";

    /** Starts the emulator with a seed file written here. */
    public static class Seeded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path seed = Files.createTempFile("notion-seed", ".json");
                seed.toFile().deleteOnExit();
                Files.writeString(seed, """
                        {"tokens":[{"token":"secret_seeded","rate":3,"burst":3}],
                         "databases":[{"id":"%s","token":"secret_seeded","title":"Keep",
                                       "properties":{"Name":"title","Labels":"multi_select"}}]}
                        """.formatted(DATABASE));
                return Map.of("kn.emulators.notion.seed-file", seed.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void theSeededTokenReadsTheSeededDatabase() {
        given().header("Authorization", "Bearer secret_seeded").header("Notion-Version", "2022-06-28")
                .get("/notion/v1/databases/" + DATABASE).then().statusCode(200)
                .body("id", equalTo(DATABASE))
                .body("properties", hasKey("Labels"))
                .body("properties.Labels.type", equalTo("multi_select"));
    }

    @Test
    void aTokenTheFileDoesNotNameIsStillRefused() {
        given().header("Authorization", "Bearer secret_other").header("Notion-Version", "2022-06-28")
                .get("/notion/v1/databases/" + DATABASE).then().statusCode(401).body("code", equalTo("unauthorized"));
    }
}
