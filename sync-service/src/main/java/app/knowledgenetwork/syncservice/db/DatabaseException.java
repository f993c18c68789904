package app.knowledgenetwork.syncservice.db;

import java.sql.SQLException;

/** A statement PostgreSQL refused; carries the SQL state so callers can tell a unique violation apart. */
public class DatabaseException extends RuntimeException {

    private final String sqlState;

    public DatabaseException(String sql, SQLException cause) {
        super("PostgreSQL refused: " + sql.strip().split("\n")[0] + " (" + cause.getMessage() + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    public boolean uniqueViolation() {
        return "23505".equals(sqlState);
    }
}
