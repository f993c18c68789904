package app.knowledgenetwork.notionwriter.notion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.notionwriter.NotionEmulator;
import app.knowledgenetwork.notionwriter.writes.NotionWriters;
import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.S3TestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NOTION_API_URL as deployments write it, with or without /v1: every form reaches Notion's v1 endpoints. */
@QuarkusTest
@WithTestResource(EmulatorsTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(S3TestResource.class)
class NotionApiBaseTest {

    @Inject
    NotionWriters writers;
    @Inject
    ObjectMapper json;

    @ParameterizedTest
    @ValueSource(strings = {"/notion", "/notion/", "/notion/v1", "/notion/v1/"})
    void theApiIsReachedWhetherTheUrlEndsInV1OrNot(String path) {
        String token = NotionEmulator.newToken();
        String database = NotionEmulator.database(token, Map.of("Name", "title"));
        try (NotionApi api = new NotionApi(EmulatorsTestResource.baseUrl() + path, token, writers.governor(token), json, 3000)) {
            assertEquals(database, api.retrieveDatabase(database).path("id").asText());
        }
    }
}
