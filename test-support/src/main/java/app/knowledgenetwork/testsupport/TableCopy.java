package app.knowledgenetwork.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A copy of one table of the database (its columns, defaults and indexes, not its foreign keys or rows) in a schema of
 * its own, filled with rows, so that a test can read how PostgreSQL plans a query on it without touching the shared
 * test database's own table or its statistics. Either analysed after the fill, as autovacuum leaves a table in the end
 * ({@link #analysed}), or analysed while the transaction that fills it is still open ({@link #withStaleStatistics}), as
 * autovacuum can analyse a table in the middle of a bulk insert (a seed, an import, a restore): until the table is
 * analysed again its statistics say it is empty and the planner costs every way of reading it at about nothing. In
 * {@link #read} the table's name is the copy, and every other name the database's own table.
 */
public final class TableCopy implements AutoCloseable {
    private static final Pattern SCAN = Pattern.compile(
            "(?:Index Scan|Index Only Scan) using (\\S+) on (\\S+)|Bitmap Index Scan on (\\S+)|(Seq Scan) on (\\S+)");

    private final DataSource dataSource;
    private final String table;
    private final String schema = TestNames.unique("table_copy_");

    private TableCopy(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /** A copy of {@code table} holding the rows {@code fill} inserts into it (run with the copy first on the search path), then analysed. */
    public static TableCopy analysed(DataSource dataSource, String table, String fill) throws SQLException {
        TableCopy copy = create(dataSource, table);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            copy.fill(c, () -> { }, fill);
            s.execute("ANALYZE " + copy.qualified());
        }
        return copy;
    }

    /**
     * A copy of {@code table} holding the rows {@code fill} inserts into it (run with the copy first on the search path),
     * analysed from another connection before {@code fill}'s transaction commits.
     */
    public static TableCopy withStaleStatistics(DataSource dataSource, String table, String fill) throws SQLException {
        TableCopy copy = create(dataSource, table);
        try (Connection filling = dataSource.getConnection(); Connection analysing = dataSource.getConnection();
                Statement s = analysing.createStatement()) {
            copy.fill(filling, () -> s.execute("ANALYZE " + copy.qualified()), fill);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT reltuples, relpages FROM pg_class WHERE oid = ?::regclass")) {
            s.setString(1, copy.qualified());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getFloat(1) != 0 || rs.getInt(2) == 0) {
                    throw new IllegalStateException("the statistics of " + copy.qualified() + " should say 0 rows in some pages, they say "
                            + rs.getFloat(1) + " rows in " + rs.getInt(2) + " pages");
                }
            }
        }
        return copy;
    }

    private static TableCopy create(DataSource dataSource, String table) throws SQLException {
        TableCopy copy = new TableCopy(dataSource, table);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + copy.schema);
            s.execute("CREATE TABLE " + copy.qualified() + " (LIKE public." + table + " INCLUDING ALL)");
        }
        return copy;
    }

    /** Runs {@code fill} in a transaction of its own, and {@code beforeCommit} before it commits. */
    private void fill(Connection c, SqlAction beforeCommit, String fill) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL search_path = " + schema + ", public");
            s.execute(fill);
            beforeCommit.run();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    private String qualified() {
        return schema + "." + table;
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
     * How the generic plan of {@code sql} reads the table: the index of each scan of it (by the name of the database's
     * index it copies), or "Seq Scan". The generic plan is the one a service runs once its driver has prepared the
     * statement on the server (pgjdbc after 5 executions) and PostgreSQL's plan cache has found it no dearer than the
     * custom ones; it is planned without the parameters' values, so {@code parameterTypes} name only their types, one
     * per {@code ?}.
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
        Map<String, String> indexes = indexNames();
        List<String> scans = new ArrayList<>();
        read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET plan_cache_mode = force_generic_plan");
                s.execute(prepare);
                try (ResultSet rs = s.executeQuery(execute)) {
                    while (rs.next()) {
                        Matcher m = SCAN.matcher(rs.getString(1));
                        if (m.find()) {
                            String index = m.group(1) != null ? m.group(1) : m.group(3);
                            if (index != null && indexes.containsKey(index)) {
                                scans.add(indexes.get(index));
                            } else if (index == null && m.group(5).equals(table)) {
                                scans.add(m.group(4));
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

    /**
     * The copy's indexes (named by PostgreSQL when copied: comment_document_id_idx), each by the name of the database's
     * index it copies (comment_document): the name a test asserts, as the migrations spell it.
     */
    private Map<String, String> indexNames() throws SQLException {
        Map<String, String> names = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT copy.indexname, own.indexname
                  FROM pg_indexes copy JOIN pg_indexes own ON own.schemaname = 'public' AND own.tablename = copy.tablename
                   AND regexp_replace(own.indexdef, 'INDEX \\S+ ON \\S+', '') = regexp_replace(copy.indexdef, 'INDEX \\S+ ON \\S+', '')
                 WHERE copy.schemaname = ? AND copy.tablename = ?""")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return names;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
