package app.knowledgenetwork.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A fresh, empty PostgreSQL database for each test run, dropped when the run ends, so tests never
 * see each other's rows and Flyway always migrates from nothing.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private ServiceEndpoints endpoints;
    private String database;

    @Override
    public Map<String, String> start() {
        endpoints = ServiceEndpoints.current();
        database = TestNames.unique("kn_test_");
        execute("CREATE DATABASE " + database);
        return Map.of(
                "quarkus.datasource.jdbc.url", endpoints.jdbcUrl(database),
                "quarkus.datasource.username", endpoints.postgresUser(),
                "quarkus.datasource.password", endpoints.postgresPassword());
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl("postgres"),
                endpoints.postgresUser(), endpoints.postgresPassword());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + endpoints.jdbcUrl("postgres") + " refused: " + sql, e);
        }
    }
}
