package app.knowledgenetwork.searchindexer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.TableCopy;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch's read of its documents on a table whose statistics say it is empty while it is full, as after autovacuum
 * analysed it during the transaction of a bulk insert: the read must still go through the primary key. With the
 * planner free to choose, it scanned document_workspace_page whole for every batch (about a second at 100,000
 * documents, bench/search fifteenth pass) until the table was analysed again.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class DocumentRowsPlanTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBatchReadsItsDocumentsByPrimaryKeyWhenTheStatisticsSayTheTableIsEmpty() throws Exception {
        KnowledgeRows.in(dataSource); // the schema
        String fill = """
                INSERT INTO document (id, workspace_id, title, content, tags, revision, created_by, updated_by, created_at, updated_at)
                SELECT gen_random_uuid(), gen_random_uuid(), 'Title ' || i, repeat('content ', 20), '{}', 1, gen_random_uuid(), gen_random_uuid(), now(), now()
                  FROM generate_series(1, 20000) i""";
        try (TableCopy table = TableCopy.withStaleStatistics(dataSource, "document", fill)) {
            List<UUID> batch = table.read(c -> {
                List<UUID> ids = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM document ORDER BY random() LIMIT 200"); ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            });
            assertEquals(List.of("document_pkey"), table.scans(DocumentRows.BY_ID, "uuid[]"));
            assertEquals(200, table.read(c -> DocumentRows.byId(c, batch)).size());
        }
    }
}
