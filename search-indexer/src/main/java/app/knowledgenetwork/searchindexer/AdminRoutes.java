package app.knowledgenetwork.searchindexer;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The admin operations of the indexer, on the management interface (port 9090 in the pod, never behind the Ingress):
 * <ul>
 * <li>{@code POST /indexer/reindex}: starts a zero-downtime reindex ({@link Reindex}); 202 with the run, 409 if one runs;</li>
 * <li>{@code GET /indexer/reindex}: whether one runs (in any replica), this replica's latest run, and the indices behind
 * the alias and the building alias;</li>
 * <li>{@code GET /indexer/dead-letters?limit=100}: the rows set aside ({@link DeadLetters});</li>
 * <li>{@code POST /indexer/dead-letters/retry[?id=..&id=..]}: sends those rows (all without {@code id}) back into the
 * outbox.</li>
 * </ul>
 * They answer only requests from the pod's own loopback, which is where {@code kubectl port-forward} (and
 * {@code scripts/reindex.sh}, {@code scripts/indexer-dead-letters.sh}) come from: the port is open to the gateway and to
 * Prometheus in the cluster (NetworkPolicies), and neither may start a reindex. Who may port-forward is Kubernetes RBAC.
 */
@ApplicationScoped
public class AdminRoutes {
    private static final Logger LOG = Logger.getLogger(AdminRoutes.class);

    private final Reindex reindex;
    private final DeadLetters deadLetters;

    public AdminRoutes(Reindex reindex, DeadLetters deadLetters) {
        this.reindex = reindex;
        this.deadLetters = deadLetters;
    }

    void register(@Observes ManagementInterface management) {
        Router router = management.router();
        router.route("/indexer/*").handler(AdminRoutes::loopbackOnly);
        router.post("/indexer/reindex").blockingHandler(this::startReindex, false);
        router.get("/indexer/reindex").blockingHandler(this::reindexStatus, false);
        router.get("/indexer/dead-letters").blockingHandler(this::listDeadLetters, false);
        router.post("/indexer/dead-letters/retry").blockingHandler(this::retryDeadLetters, false);
    }

    /** Whether a peer address (numeric, as the socket reports it) is loopback: 127.0.0.0/8 or ::1, also IPv4-mapped. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String address = host.toLowerCase(java.util.Locale.ROOT);
        if (address.startsWith("::ffff:")) {
            address = address.substring("::ffff:".length());
        }
        return address.matches("127(\\.\\d{1,3}){3}") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
    }

    private static void loopbackOnly(RoutingContext context) {
        String from = context.request().remoteAddress() == null ? null : context.request().remoteAddress().hostAddress();
        if (isLoopback(from)) {
            context.next();
        } else {
            LOG.warnf("Refused %s %s from %s: the indexer's admin routes answer only on the pod's loopback (kubectl port-forward)",
                    context.request().method(), context.request().path(), from);
            answer(context, 403, new JsonObject().put("error", "admin routes answer only on the pod's loopback: use kubectl port-forward"));
        }
    }

    private void startReindex(RoutingContext context) {
        Optional<Reindex.Run> run = reindex.start("requested on " + context.request().path());
        if (run.isPresent()) {
            answer(context, 202, json(run.get()));
        } else {
            answer(context, 409, new JsonObject().put("error", "a reindex is running already").put("status", json(reindex.status())));
        }
    }

    private void reindexStatus(RoutingContext context) {
        answer(context, 200, json(reindex.status()));
    }

    private void listDeadLetters(RoutingContext context) {
        int limit = Optional.ofNullable(context.request().getParam("limit")).map(Integer::parseInt).orElse(100);
        JsonArray letters = new JsonArray();
        for (DeadLetters.DeadLetter letter : deadLetters.list(Math.max(1, Math.min(limit, 1000)))) {
            letters.add(new JsonObject().put("id", letter.id()).put("documentId", letter.documentId().toString())
                    .put("eventType", letter.eventType()).put("revision", letter.revision()).put("attempts", letter.attempts())
                    .put("error", letter.error()).put("createdAt", letter.createdAt().toString())
                    .put("deadLetteredAt", letter.deadLetteredAt().toString()));
        }
        answer(context, 200, new JsonObject().put("deadLetters", letters));
    }

    private void retryDeadLetters(RoutingContext context) {
        List<Long> ids = new ArrayList<>();
        for (String id : context.queryParam("id")) {
            ids.add(Long.parseLong(id));
        }
        List<Long> queued = deadLetters.retry(ids);
        LOG.infof("Dead letters %s sent back into the outbox as rows %s", ids.isEmpty() ? "(all)" : ids, queued);
        answer(context, 200, new JsonObject().put("retried", queued.size()).put("outboxRows", new JsonArray(new ArrayList<>(queued))));
    }

    private static JsonObject json(Reindex.Status status) {
        return new JsonObject().put("running", status.running()).put("current", new JsonArray(status.current()))
                .put("building", new JsonArray(status.building())).put("last", status.last().map(AdminRoutes::json).orElse(null));
    }

    private static JsonObject json(Reindex.Run run) {
        return new JsonObject().put("index", run.index()).put("reason", run.reason()).put("state", run.state().name())
                .put("startedAt", run.startedAt().toString()).put("documents", run.documents()).put("refused", run.refused())
                .put("replayed", run.replayed()).put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString())
                .put("error", run.error());
    }

    private static void answer(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
