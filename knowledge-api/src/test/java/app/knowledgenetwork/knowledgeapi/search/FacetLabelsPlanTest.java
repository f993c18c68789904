package app.knowledgenetwork.knowledgeapi.search;

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
 * The authors' names of a search's facets, read by a list of ids on a user table whose statistics say it is empty
 * while it is full (a bulk load of users analysed mid-transaction): still through the primary key, not a scan of the
 * whole (created_at, id) index on every search with facets.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class FacetLabelsPlanTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void authorsAreReadByPrimaryKeyWhenTheStatisticsSayTheTableIsEmpty() throws Exception {
        String fill = """
                INSERT INTO app_user (id, email, display_name, password_hash)
                SELECT gen_random_uuid(), 'user' || i || '@example.com', 'User ' || i, 'x' FROM generate_series(1, 20000) i""";
        try (TableCopy table = TableCopy.withStaleStatistics(dataSource, "app_user", fill)) {
            // Hibernate binds a list parameter as one placeholder per element.
            String sql = DocumentSearch.AUTHOR_NAMES.replace("(:ids)", "(?, ?, ?)");
            assertEquals(List.of("app_user_pkey"), table.scans(sql, "uuid", "uuid", "uuid"));
        }
    }
}
