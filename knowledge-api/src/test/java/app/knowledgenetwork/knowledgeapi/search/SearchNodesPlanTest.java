package app.knowledgenetwork.knowledgeapi.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.StaleStatisticsTable;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A search's read of its page of documents on a table whose statistics say it is empty while it is full, as after
 * autovacuum analysed it during the transaction of an import: the read must still go through the primary key, not a
 * scan of a whole index for every search until the table is analysed again.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class SearchNodesPlanTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPageOfDocumentsIsReadByPrimaryKeyWhenTheStatisticsSayTheTableIsEmpty() throws Exception {
        String fill = """
                INSERT INTO document (id, workspace_id, title, content, tags, revision, created_by, updated_by, created_at, updated_at)
                SELECT gen_random_uuid(), gen_random_uuid(), 'Title ' || i, repeat('content ', 20), '{}', 1, gen_random_uuid(), gen_random_uuid(), now(), now()
                  FROM generate_series(1, 20000) i""";
        try (StaleStatisticsTable table = StaleStatisticsTable.of(dataSource, "document", fill)) {
            assertEquals(List.of("document_pkey"), table.scans(SearchNodes.DOCUMENTS, "uuid[]"));
        }
    }
}
