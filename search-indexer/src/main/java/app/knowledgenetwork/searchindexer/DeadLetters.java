package app.knowledgenetwork.searchindexer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Outbox rows whose document OpenSearch keeps refusing ({@link BulkWrites.Outcome#REFUSED}): each refusal counts an
 * attempt on the row and keeps the error; at {@code kn.indexer.max-attempts} the row is moved, in the batch's
 * transaction, from outbox_event into outbox_dead_letter (knowledge-api's migration V9), so it stops taking a place in
 * every batch and the rest keep flowing. An admin sends rows back ({@link #retry}) once the cause is fixed: each
 * becomes a new outbox row at the end of the queue, with no attempts.
 */
@ApplicationScoped
public class DeadLetters {
    private static final int MAX_ERROR = 2000;
    private static final String ATTEMPTED = "UPDATE outbox_event SET attempts = attempts + 1, last_error = ? WHERE id = ANY (?) RETURNING id, attempts";
    private static final String NOTED = "UPDATE outbox_event SET last_error = ? WHERE id = ANY (?)";
    private static final String SET_ASIDE = """
            WITH moved AS (DELETE FROM outbox_event WHERE id = ANY (?)
                           RETURNING id, aggregate_type, aggregate_id, event_type, revision, payload, created_at, attempts, last_error)
            INSERT INTO outbox_dead_letter (id, aggregate_type, aggregate_id, event_type, revision, payload, created_at, attempts, error)
            SELECT id, aggregate_type, aggregate_id, event_type, revision, payload, created_at, attempts, coalesce(last_error, 'unknown') FROM moved""";
    private static final String LIST = """
            SELECT id, aggregate_id, event_type, revision, attempts, error, created_at, dead_lettered_at
              FROM outbox_dead_letter WHERE aggregate_type = 'document' ORDER BY id LIMIT ?""";
    private static final String RETRY = """
            WITH back AS (DELETE FROM outbox_dead_letter WHERE aggregate_type = 'document' AND (? OR id = ANY (?))
                          RETURNING id, aggregate_type, aggregate_id, event_type, revision, payload)
            INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload)
            SELECT aggregate_type, aggregate_id, event_type, revision, payload FROM back ORDER BY id RETURNING id""";

    /** One row set aside: the outbox row's id, its document, and the last error OpenSearch gave. */
    public record DeadLetter(long id, UUID documentId, String eventType, long revision, int attempts, String error, Instant createdAt,
            Instant deadLetteredAt) {
    }

    private final AgroalDataSource dataSource;
    private final int maxAttempts;

    public DeadLetters(AgroalDataSource dataSource, IndexerConfig config) {
        if (config.maxAttempts() < 1) {
            throw new IllegalArgumentException("kn.indexer.max-attempts must be at least 1, was " + config.maxAttempts());
        }
        this.dataSource = dataSource;
        this.maxAttempts = config.maxAttempts();
    }

    /**
     * In the batch's transaction: OpenSearch refused the document of {@code rows} with {@code error}. Counts the attempt
     * and sets aside the rows that reached the limit.
     *
     * @return the rows set aside
     */
    List<Long> refused(Connection connection, List<Long> rows, String error) throws SQLException {
        List<Long> exhausted = new ArrayList<>();
        try (PreparedStatement attempted = connection.prepareStatement(ATTEMPTED)) {
            attempted.setString(1, truncate(error));
            attempted.setArray(2, connection.createArrayOf("bigint", rows.toArray()));
            try (ResultSet rs = attempted.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(2) >= maxAttempts) {
                        exhausted.add(rs.getLong(1));
                    }
                }
            }
        }
        if (!exhausted.isEmpty()) {
            try (PreparedStatement setAside = connection.prepareStatement(SET_ASIDE)) {
                setAside.setArray(1, connection.createArrayOf("bigint", exhausted.toArray()));
                setAside.executeUpdate();
            }
        }
        return exhausted;
    }

    /** In the batch's transaction: the rows stay for the next batch, with the error of the cluster kept; no attempt counted. */
    void notIndexedYet(Connection connection, List<Long> rows, String error) throws SQLException {
        try (PreparedStatement noted = connection.prepareStatement(NOTED)) {
            noted.setString(1, truncate(error));
            noted.setArray(2, connection.createArrayOf("bigint", rows.toArray()));
            noted.executeUpdate();
        }
    }

    /** The oldest {@code limit} rows set aside. */
    public List<DeadLetter> list(int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(LIST)) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    letters.add(new DeadLetter(rs.getLong("id"), rs.getObject("aggregate_id", UUID.class), rs.getString("event_type"),
                            rs.getLong("revision"), rs.getInt("attempts"), rs.getString("error"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            rs.getObject("dead_lettered_at", OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Listing the dead letters failed in PostgreSQL: " + e.getMessage(), e);
        }
        return letters;
    }

    /**
     * Sends rows set aside back into the outbox, as new rows at the end of the queue with no attempts: those of
     * {@code ids}, or every one when {@code ids} is empty.
     *
     * @return the new outbox rows
     */
    public List<Long> retry(List<Long> ids) {
        List<Long> queued = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement retry = connection.prepareStatement(RETRY)) {
            retry.setBoolean(1, ids.isEmpty());
            retry.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = retry.executeQuery()) {
                while (rs.next()) {
                    queued.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Sending the dead letters back failed in PostgreSQL: " + e.getMessage(), e);
        }
        return queued;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}
