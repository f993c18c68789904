package app.knowledgenetwork.apigateway.health;

import app.knowledgenetwork.apigateway.GatewayConfig;
import app.knowledgenetwork.apigateway.health.HealthReport.Status;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Asks every service's readiness and the gateway's own Redis at once, each within
 * {@code kn.gateway.health.timeout}, so the answer comes within that bound even while a service hangs.
 *
 * <p>Shared dependencies are read from the services' readiness checks (Quarkus' database check, common's
 * Redis, OpenSearch and S3 checks): "database" is up when every service that checks a database says so.
 * A dependency no reachable service reports on is "unknown".
 *
 * <p>Unhealthy (503) when a critical service ({@code kn.gateway.services.X.critical}) or the database is not
 * up; degraded (200) when anything else is not up; healthy otherwise.
 */
@ApplicationScoped
public class HealthAggregate {

    /** Readiness check names, as the services report them, to the dependency key they stand for. */
    private static final Map<String, String> DEPENDENCIES = Map.of(
            "Database connections health check", "database",
            "Redis", "redis",
            "OpenSearch", "search",
            "S3", "storage");
    private static final Set<String> CRITICAL_DEPENDENCIES = Set.of("database");
    private static final String UP = "up";
    private static final String DOWN = "down";
    private static final String UNKNOWN = "unknown";

    private final GatewayConfig config;
    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final HttpClient client;
    private final Duration timeout;

    public HealthAggregate(GatewayConfig config, ReactiveRedisDataSource redis, Vertx vertx) {
        this.config = config;
        this.redis = redis;
        this.vertx = vertx;
        this.timeout = config.health().timeout();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(true));
    }

    /** Never fails: whatever does not answer in time is down. */
    public Future<HealthReport> check() {
        List<String> names = new ArrayList<>(config.services().keySet());
        List<Future<Readiness>> checks = new ArrayList<>();
        for (String name : names) {
            checks.add(readiness(config.services().get(name).healthUrl().toString()));
        }
        Future<Boolean> ownRedis = Future.fromCompletionStage(redis.execute("PING")
                .ifNoItem().after(timeout).fail()
                .map(reply -> true)
                .onFailure().recoverWithItem(false)
                .subscribeAsCompletionStage());
        List<Future<?>> all = new ArrayList<>(checks);
        all.add(ownRedis);
        return Future.join(all)
                .transform(ignored -> Future.succeededFuture(report(names, checks, ownRedis.result())));
    }

    private HealthReport report(List<String> names, List<Future<Readiness>> checks, Boolean redisUp) {
        Map<String, String> services = new TreeMap<>();
        Map<String, String> dependencies = new TreeMap<>();
        DEPENDENCIES.values().forEach(d -> dependencies.put(d, UNKNOWN));
        dependencies.put("redis", Boolean.TRUE.equals(redisUp) ? UP : DOWN);
        Status status = Status.HEALTHY;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Readiness readiness = checks.get(i).result();
            services.put(name, readiness.ready() ? UP : DOWN);
            if (!readiness.ready()) {
                status = worse(status, config.services().get(name).critical() ? Status.UNHEALTHY : Status.DEGRADED);
            }
            readiness.dependencies().forEach((dependency, up) ->
                    dependencies.merge(dependency, up ? UP : DOWN, (a, b) -> DOWN.equals(a) || DOWN.equals(b) ? DOWN : UP));
        }
        for (var dependency : dependencies.entrySet()) {
            if (DOWN.equals(dependency.getValue())) {
                status = worse(status, CRITICAL_DEPENDENCIES.contains(dependency.getKey()) ? Status.UNHEALTHY : Status.DEGRADED);
            }
        }
        services.putAll(dependencies);
        return new HealthReport(status, services);
    }

    private static Status worse(Status a, Status b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** One service's readiness: up or not, and what it says of each dependency it checks. */
    private record Readiness(boolean ready, Map<String, Boolean> dependencies) {
        static final Readiness DOWN = new Readiness(false, Map.of());
    }

    private Future<Readiness> readiness(String url) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setIdleTimeout(timeout.toMillis()).putHeader("Accept", "application/json");
        Future<Readiness> answer = client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> parse(response.statusCode(), body.toString())));
        // The idle timeout restarts with every byte: a service trickling its answer could outlast it. The
        // timer is what bounds the answer.
        Promise<Readiness> bounded = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), id -> bounded.tryComplete(Readiness.DOWN));
        answer.onComplete(result -> {
            vertx.cancelTimer(timer);
            bounded.tryComplete(result.succeeded() ? result.result() : Readiness.DOWN);
        });
        return bounded.future();
    }

    private static Readiness parse(int status, String body) {
        Map<String, Boolean> dependencies = new TreeMap<>();
        try {
            JsonArray checks = new JsonObject(body).getJsonArray("checks", new JsonArray());
            for (int i = 0; i < checks.size(); i++) {
                JsonObject check = checks.getJsonObject(i);
                String dependency = DEPENDENCIES.get(check.getString("name", ""));
                if (dependency != null) {
                    dependencies.merge(dependency, "UP".equals(check.getString("status")), Boolean::logicalAnd);
                }
            }
        } catch (RuntimeException notJson) {
            // Not a Quarkus readiness answer (the web front end's page): any success, a redirect to its
            // sign-in page included, means it serves.
            return new Readiness(status >= 200 && status < 400, Map.of());
        }
        return new Readiness(status == 200, dependencies);
    }
}
