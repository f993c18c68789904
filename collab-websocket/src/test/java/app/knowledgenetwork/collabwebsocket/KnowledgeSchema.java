package app.knowledgenetwork.collabwebsocket;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The knowledge database as knowledge-api's Flyway migrations make it. knowledge-api owns the schema; this service
 * reads and writes its tables, so its tests apply knowledge-api's migration files as they are (Maven runs tests in
 * the module's folder) instead of keeping a copy that could drift.
 */
final class KnowledgeSchema {
    static final Path MIGRATIONS = Path.of("../knowledge-api/src/main/resources/db/migration");

    private KnowledgeSchema() {
    }

    static synchronized void migrate(DataSource dataSource) {
        if (!Files.isDirectory(MIGRATIONS)) {
            throw new IllegalStateException("knowledge-api's migrations are not at " + MIGRATIONS.toAbsolutePath());
        }
        Flyway.configure().dataSource(dataSource).locations("filesystem:" + MIGRATIONS).load().migrate();
    }
}
