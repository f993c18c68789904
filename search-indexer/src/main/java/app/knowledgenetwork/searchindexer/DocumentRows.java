package app.knowledgenetwork.searchindexer;

import app.knowledgenetwork.common.search.DocumentIndexEntry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Documents as the index holds them, read from the {@code document} table of the knowledge database (the outbox payload
 * has no content): the current row of some documents for a batch or a replay, or the next page of all of them, in id
 * order, for a build.
 */
final class DocumentRows {
    private static final String COLUMNS = "id, workspace_id, title, content, tags, revision, archived, trashed_at, updated_at, created_by";
    /**
     * In id order so that the primary key is the plan whatever the statistics say. When they say the table is empty
     * while it is not (analysed during the transaction that filled it: a seed, an import, a restore), every plan costs
     * about nothing and the planner may take document_workspace_page instead, whose last column is the id: a scan of the
     * whole index per batch, about a second at 100,000 documents against 2 ms, until autovacuum analyses the table again
     * (bench/search, fifteenth pass). Only the primary key gives the order without a sort.
     */
    static final String BY_ID = "SELECT " + COLUMNS + " FROM document WHERE id = ANY (?) ORDER BY id";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM document WHERE id > ? ORDER BY id LIMIT ?";
    private static final String FIRST_PAGE = "SELECT " + COLUMNS + " FROM document ORDER BY id LIMIT ?";

    private DocumentRows() {
    }

    /** The current entries of {@code ids}; a purged document has none. */
    static Map<UUID, DocumentIndexEntry> byId(Connection connection, List<UUID> ids) throws SQLException {
        Map<UUID, DocumentIndexEntry> rows = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(BY_ID)) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    DocumentIndexEntry entry = entry(rs);
                    rows.put(UUID.fromString(entry.id()), entry);
                }
            }
        }
        return rows;
    }

    /** At most {@code limit} entries of the documents whose id comes after {@code after} (null: from the first). */
    static List<DocumentIndexEntry> pageAfter(Connection connection, UUID after, int limit) throws SQLException {
        List<DocumentIndexEntry> page = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(after == null ? FIRST_PAGE : PAGE)) {
            if (after == null) {
                select.setInt(1, limit);
            } else {
                select.setObject(1, after);
                select.setInt(2, limit);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    page.add(entry(rs));
                }
            }
        }
        return page;
    }

    private static DocumentIndexEntry entry(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Array tags = rs.getArray("tags");
        OffsetDateTime trashedAt = rs.getObject("trashed_at", OffsetDateTime.class);
        return new DocumentIndexEntry(id.toString(), rs.getObject("workspace_id", UUID.class).toString(), rs.getString("title"),
                rs.getString("content"), List.of((String[]) tags.getArray()),
                DocumentIndexEntry.status(rs.getBoolean("archived"), trashedAt == null ? null : trashedAt.toInstant()),
                rs.getLong("revision"), rs.getObject("updated_at", OffsetDateTime.class).toInstant().toString(),
                rs.getObject("created_by", UUID.class).toString());
    }
}
