package app.knowledgenetwork.knowledgeapi.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import app.knowledgenetwork.testsupport.TableCopy;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reads of documents by a list of ids (a search's page, the documents a list links to, a graph's titles) on a table
 * whose statistics say it is empty while it is full, as after autovacuum analysed it during the transaction of an
 * import: they must still go through the primary key, not a scan of a whole index on every call until the table is
 * analysed again.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentViewsPlanTest {
    @Inject
    AgroalDataSource dataSource;

    private TableCopy table;

    @BeforeAll
    void importedDocuments() throws Exception {
        table = TableCopy.withStaleStatistics(dataSource, "document", """
                INSERT INTO document (id, workspace_id, title, content, tags, revision, created_by, updated_by, created_at, updated_at)
                SELECT gen_random_uuid(), gen_random_uuid(), 'Title ' || i, repeat('content ', 20), '{}', 1, gen_random_uuid(), gen_random_uuid(), now(), now()
                  FROM generate_series(1, 20000) i""");
    }

    @AfterAll
    void drop() throws Exception {
        table.close();
    }

    @Test
    void documentsAreReadByPrimaryKeyWhenTheStatisticsSayTheTableIsEmpty() throws Exception {
        assertEquals(List.of("document_pkey"), table.scans(DocumentViews.BY_ID, "uuid[]"));
    }

    @Test
    void titlesAreReadByPrimaryKeyWhenTheStatisticsSayTheTableIsEmpty() throws Exception {
        assertEquals(List.of("document_pkey"), table.scans(DocumentViews.TITLES, "uuid[]"));
    }
}
