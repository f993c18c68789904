package app.knowledgenetwork.notionwriter.notion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotionApiUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://api.notion.com", "https://api.notion.com/", "https://api.notion.com/v1", "https://api.notion.com/v1/",
            " https://api.notion.com/v1// "})
    void everyFormOfNotionsBaseMeansTheV1Api(String configured) {
        assertEquals("https://api.notion.com/v1", NotionApiUrl.normalise(configured));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089/notion", "http://127.0.0.1:8089/notion/", "http://127.0.0.1:8089/notion/v1",
            "http://127.0.0.1:8089/notion/v1/"})
    void theEmulatorsBaseUnderAPathPrefixToo(String configured) {
        assertEquals("http://127.0.0.1:8089/notion/v1", NotionApiUrl.normalise(configured));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.notion.com/v1", "ftp://api.notion.com/v1", "https://api.notion.com/v1?x=1", "https://", " "})
    void anythingElseIsRefusedNamingTheVariable(String configured) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> NotionApiUrl.normalise(configured));
        assertTrue(refused.getMessage().contains("NOTION_API_URL"), refused.getMessage());
    }
}
