package app.knowledgenetwork.searchindexer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reindexes that a platform admin asked for through knowledge-api's {@code startSearchReindex} mutation, which writes a
 * row into {@code search_reindex_request} (knowledge-api's migration {@code V11__search_reindex_request.sql}). One
 * replica claims the oldest REQUESTED row ({@code FOR UPDATE SKIP LOCKED}), starts the {@link Reindex} and marks it
 * BUILDING with the name of the new index; when the build ends the row becomes SWITCHED or FAILED (with the error).
 *
 * <p>Why a row and not a call: the admin routes answer only on the pod's loopback ({@link AdminRoutes}), and knowledge-api
 * already shares the database, whose rows are as durable and as access-controlled as the data; no secret to hand out, no
 * port to open between the services. knowledge-api checks the caller is an ADMIN signed in with MFA before it writes.
 *
 * <p>A request that finds a reindex running already (from {@code scripts/reindex.sh}, or a mapping rollout) is FAILED at
 * once, saying so. A BUILDING row whose build no replica runs any more (its pod died) is FAILED too, so that it does not
 * block the next request (at most one is open: a unique index).
 */
@ApplicationScoped
public class ReindexRequests {
    private static final Logger LOG = Logger.getLogger(ReindexRequests.class);
    private static final String CLAIM = """
            SELECT id, requested_by FROM search_reindex_request WHERE state = 'REQUESTED' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""";
    private static final String BUILDING = """
            UPDATE search_reindex_request SET state = 'BUILDING', index_name = ?, started_at = now() WHERE id = ?""";
    private static final String ENDED = """
            UPDATE search_reindex_request SET state = ?, index_name = coalesce(?, index_name), documents = ?, error = ?, finished_at = now()
             WHERE id = ?""";
    private static final String ORPHANS = "SELECT id FROM search_reindex_request WHERE state = 'BUILDING'";

    private final AgroalDataSource dataSource;
    private final Reindex reindex;

    public ReindexRequests(AgroalDataSource dataSource, Reindex reindex) {
        this.dataSource = dataSource;
        this.reindex = reindex;
    }

    @Scheduled(identity = "reindex-requests", every = "${kn.indexer.reindex.requests-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pickUpOnSchedule() {
        try {
            pickUp();
        } catch (IllegalStateException e) {
            LOG.debugf("Reindex requests not read: %s", e.getMessage());
        }
    }

    /**
     * Starts the oldest request, if any.
     *
     * @return the run it started; empty when none was waiting, or it was refused (a reindex runs)
     */
    public Optional<Reindex.Run> pickUp() {
        try (Connection connection = dataSource.getConnection()) {
            failOrphans(connection);
            connection.setAutoCommit(false);
            try {
                Optional<Reindex.Run> started = claimAndStart(connection);
                connection.commit();
                return started;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading reindex requests failed in PostgreSQL: " + e.getMessage(), e);
        }
    }

    private Optional<Reindex.Run> claimAndStart(Connection connection) throws SQLException {
        long id;
        UUID by;
        try (PreparedStatement claim = connection.prepareStatement(CLAIM); ResultSet rs = claim.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            id = rs.getLong(1);
            by = rs.getObject(2, UUID.class);
        }
        Optional<Reindex.Run> run = reindex.start("asked for by admin " + by + " (request " + id + ")", done -> ended(id, done));
        if (run.isEmpty()) {
            LOG.warnf("Reindex request %d refused: a reindex is running already", id);
            update(connection, ENDED, "FAILED", null, null,
                    "a reindex was running already (scripts/reindex.sh or a mapping rollout): ask again once it has finished", id);
            return Optional.empty();
        }
        // The build may end before this commits (an empty database): ended() then waits for this row lock, and wins.
        try (PreparedStatement building = connection.prepareStatement(BUILDING)) {
            building.setString(1, run.get().index());
            building.setLong(2, id);
            building.executeUpdate();
        }
        LOG.infof("Reindex request %d: building %s", id, run.get().index());
        return run;
    }

    /** On the reindex's thread, while it still holds its lock. */
    private void ended(long id, Reindex.Run run) {
        try (Connection connection = dataSource.getConnection()) {
            update(connection, ENDED, run.state().name(), run.index(), run.documents(), run.error(), id);
        } catch (SQLException e) {
            LOG.errorf("Reindex request %d ended %s, but recording it failed: %s", id, run.state(), e.getMessage());
        }
    }

    /** BUILDING rows while no replica holds the reindex lock: the pod that ran them is gone. */
    private void failOrphans(Connection connection) throws SQLException {
        boolean any;
        try (PreparedStatement orphans = connection.prepareStatement(ORPHANS); ResultSet rs = orphans.executeQuery()) {
            any = rs.next();
        }
        if (any && !reindex.running()) {
            try (PreparedStatement fail = connection.prepareStatement("""
                    UPDATE search_reindex_request SET state = 'FAILED', finished_at = now(),
                           error = 'the search-indexer replica that ran it stopped before it ended; the alias was not moved by it'
                     WHERE state = 'BUILDING'""")) {
                int failed = fail.executeUpdate();
                LOG.warnf("%d reindex requests marked FAILED: the replica running them stopped", failed);
            }
        }
    }

    private static void update(Connection connection, String sql, String state, String index, Long documents, String error, long id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, state);
            update.setString(2, index);
            update.setObject(3, documents);
            update.setString(4, error);
            update.setLong(5, id);
            update.executeUpdate();
        }
    }
}
