package app.knowledgenetwork.knowledgeapi.admin;

import app.knowledgenetwork.knowledgeapi.errors.Conflict;
import app.knowledgenetwork.knowledgeapi.errors.NotFound;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A platform admin's request to rebuild the search index: a row of {@code search_reindex_request} that search-indexer picks
 * up (its ReindexRequests; README "Reindex"). Not a call to the indexer: its admin routes answer only on its pod's
 * loopback, and the database both share is the channel that needs no secret and no new network path. After writing the
 * request, waits up to {@code kn.search.reindex-wait} for a replica to pick it up, so the answer usually names the index
 * being built; {@code searchReindex} follows it from there.
 */
@ApplicationScoped
public class SearchReindexing {
    private static final Logger LOG = Logger.getLogger(SearchReindexing.class);
    private static final String COLUMNS = "id, state, index_name, documents, error, requested_by, requested_at, started_at, finished_at";

    private final EntityManager em;
    private final AdminGate gate;
    private final Duration wait;

    public SearchReindexing(EntityManager em, AdminGate gate, @ConfigProperty(name = "kn.search.reindex-wait", defaultValue = "3s") Duration wait) {
        this.em = em;
        this.gate = gate;
        this.wait = wait;
    }

    public SearchReindexView start() {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            UUID admin = gate.requireAdmin();
            List<?> open = em.createNativeQuery("SELECT id FROM search_reindex_request WHERE state IN ('REQUESTED', 'BUILDING')").getResultList();
            if (!open.isEmpty()) {
                throw busy(((Number) open.getFirst()).longValue());
            }
            try {
                long created = ((Number) em.createNativeQuery("INSERT INTO search_reindex_request (requested_by) VALUES (?1) RETURNING id")
                        .setParameter(1, admin).getSingleResult()).longValue();
                LOG.infof("Admin %s asked for a search reindex (request %d)", admin, created);
                return created;
            } catch (RuntimeException e) {
                if (uniqueViolation(e)) {
                    throw busy(null);
                }
                throw e;
            }
        });
        Instant deadline = Instant.now().plus(wait);
        SearchReindexView view = load(id);
        while (view.state() == SearchReindexState.REQUESTED && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            view = load(id);
        }
        return view;
    }

    /** The request with that id, or the latest one without; null when there is none. */
    public SearchReindexView find(Long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            gate.requireAdmin();
            if (id == null) {
                List<?> latest = em.createNativeQuery("SELECT id FROM search_reindex_request ORDER BY id DESC LIMIT 1").getResultList();
                return latest.isEmpty() ? null : read(((Number) latest.getFirst()).longValue());
            }
            SearchReindexView view = read(id);
            if (view == null) {
                throw new NotFound("Search reindex not found");
            }
            return view;
        });
    }

    private SearchReindexView load(long id) {
        return QuarkusTransaction.requiringNew().call(() -> read(id));
    }

    private SearchReindexView read(long id) {
        List<?> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM search_reindex_request WHERE id = ?1").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.getFirst();
        return new SearchReindexView(String.valueOf(r[0]), SearchReindexState.valueOf((String) r[1]), (String) r[2],
                r[3] == null ? null : ((Number) r[3]).longValue(), (String) r[4], String.valueOf(r[5]), instant(r[6]), instant(r[7]), instant(r[8]));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }

    private static Conflict busy(Long open) {
        return new Conflict("A search reindex is requested or building already" + (open == null ? "" : " (request " + open + ")")
                + ": follow it with searchReindex, and ask again once it has ended");
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
