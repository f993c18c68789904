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
 * reads it through the index it should. {@link #connection()} resolves the table's name to the copy, and every other
 * name to the database's own tables.
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
        try (Connection c = copy.connection();
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

    /** A connection on which the table's name is the copy (the caller closes it). */
    public Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path = " + schema + ", public");
        }
        return c;
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
        List<String> scans = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE plan_check" + (parameterTypes.length == 0 ? "" : "(" + String.join(", ", parameterTypes) + ")") + " AS " + numbered);
            String nulls = String.join(", ", Collections.nCopies(parameterTypes.length, "NULL"));
            try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE plan_check" + (parameterTypes.length == 0 ? "" : "(" + nulls + ")"))) {
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
            }
        }
        return scans;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
