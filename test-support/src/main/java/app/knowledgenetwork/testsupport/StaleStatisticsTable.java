package app.knowledgenetwork.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A copy of one table of the database (its columns, defaults and indexes, not its rows) in a schema of its own, filled
 * with rows while its statistics say it is empty: it is analysed while the transaction that fills it is still open, as
 * autovacuum can analyse a table in the middle of a bulk insert (a seed, an import, a restore). Until the table is
 * analysed again the planner costs every way of reading it at about nothing, so a test can check that a query still
 * reads it through the index it should. In {@link #read} the table's name is the copy, and every other name the
 * database's own table.
 */
public final class StaleStatisticsTable implements AutoCloseable {
    private static final Pattern SCAN = Pattern.compile(
            "(?:Index Scan|Index Only Scan) using (\\S+) on (\\S+)|Bitmap Index Scan on (\\S+)|(Seq Scan) on (\\S+)");

    private final DataSource dataSource;
    private final String table;
    private final String schema = TestNames.unique("stale_stats_");

    private StaleStatisticsTable(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /**
     * A copy of {@code table} holding the rows {@code fill} inserts into it (run with the copy first on the search path),
     * analysed from another connection before {@code fill}'s transaction commits.
     */
    public static StaleStatisticsTable of(DataSource dataSource, String table, String fill) throws SQLException {
        StaleStatisticsTable copy = new StaleStatisticsTable(dataSource, table);
        try (Connection filling = dataSource.getConnection(); Connection analysing = dataSource.getConnection()) {
            try (Statement s = filling.createStatement()) {
                s.execute("CREATE SCHEMA " + copy.schema);
                s.execute("CREATE TABLE " + copy.schema + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
            }
            filling.setAutoCommit(false);
            try (Statement s = filling.createStatement()) {
                s.execute("SET LOCAL search_path = " + copy.schema + ", public");
                s.execute(fill);
            }
            try (Statement s = analysing.createStatement()) {
                s.execute("ANALYZE " + copy.schema + "." + table);
            }
            filling.commit();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT reltuples, relpages FROM pg_class WHERE oid = ?::regclass")) {
            s.setString(1, copy.schema + "." + table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getFloat(1) != 0 || rs.getInt(2) == 0) {
                    throw new IllegalStateException("the statistics of " + copy.schema + "." + table + " should say 0 rows in some pages, they say "
                            + rs.getFloat(1) + " rows in " + rs.getInt(2) + " pages");
                }
            }
        }
        return copy;
    }

    /** What a test does on a connection, which may throw what JDBC throws. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /**
     * {@code work} on a connection of the pool on which the table's name is the copy. The connection goes back to the
     * pool as it came: the search path is reset, so no later user of it (the application under test among them) reads
     * the copy.
     */
    public <T> T read(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + schema + ", public");
            try {
                return work.on(c);
            } finally {
                s.execute("RESET search_path");
            }
        }
    }

    /**
     * How the generic plan of {@code sql} reads the table: the index of each scan of it, or "Seq Scan". The generic plan
     * is the one a service runs once its driver has prepared the statement on the server (pgjdbc after 5 executions) and
     * PostgreSQL's plan cache has found it no dearer than the custom ones; it is planned without the parameters' values,
     * so {@code parameterTypes} name only their types, one per {@code ?}.
     */
    public List<String> scans(String sql, String... parameterTypes) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(ch);
            }
        }
        if (n != parameterTypes.length) {
            throw new IllegalArgumentException(n + " parameters in the query, " + parameterTypes.length + " types given");
        }
        String prepare = "PREPARE plan_check" + (parameterTypes.length == 0 ? "" : "(" + String.join(", ", parameterTypes) + ")") + " AS " + numbered;
        String execute = "EXPLAIN EXECUTE plan_check"
                + (parameterTypes.length == 0 ? "" : "(" + String.join(", ", Collections.nCopies(parameterTypes.length, "NULL")) + ")");
        List<String> scans = new ArrayList<>();
        read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET plan_cache_mode = force_generic_plan");
                s.execute(prepare);
                try (ResultSet rs = s.executeQuery(execute)) {
                    while (rs.next()) {
                        Matcher m = SCAN.matcher(rs.getString(1));
                        if (m.find()) {
                            String index = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : m.group(4);
                            String on = m.group(2) != null ? m.group(2) : m.group(5);
                            if (on == null || on.equals(table)) {
                                scans.add(index);
                            }
                        }
                    }
                } finally {
                    s.execute("DEALLOCATE plan_check");
                    s.execute("RESET plan_cache_mode");
                }
            }
            return null;
        });
        return scans;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
