package app.knowledgenetwork.knowledgeapi.comments;

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
import org.junit.jupiter.api.Test;

/**
 * The comment counts of a page of documents (a list's commentCount field) on 100,000 comments over 10,000 documents,
 * replies among them: read through an index on the document, not by scanning every comment of every document.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class CommentCountsPlanTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void countsReadOnlyTheCommentsOfTheDocumentsAsked() throws Exception {
        String fill = """
                INSERT INTO comment (id, document_id, parent_id, author_id, body, created_at, updated_at)
                SELECT gen_random_uuid(), md5(CAST(i % 10000 AS text))::uuid, NULL, gen_random_uuid(), 'comment ' || i, now(), now()
                  FROM generate_series(1, 70000) i;
                INSERT INTO comment (id, document_id, parent_id, author_id, body, created_at, updated_at)
                SELECT gen_random_uuid(), document_id, id, author_id, 'reply', now(), now() FROM comment LIMIT 30000""";
        try (TableCopy table = TableCopy.analysed(dataSource, "comment", fill)) {
            // Hibernate binds a list parameter as one placeholder per element; the caller comes after it.
            String sql = Comments.COUNTS.replace("(:ids)", "(?, ?, ?)").replace(":caller", "?");
            assertEquals(List.of("comment_document"), table.scans(sql, "uuid", "uuid", "uuid", "uuid"));
        }
    }
}
