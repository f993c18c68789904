package app.knowledgenetwork.knowledgeapi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Statements straight to the service's database, for what no API call sets up (a failing or waiting trigger). */
public final class Sql {
    private Sql() {
    }

    public static void execute(DataSource db, String... statements) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /** The first column of the first row, as a number. */
    public static long count(DataSource db, String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
