package app.knowledgenetwork.apigateway.maintenance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.apigateway.TestTokens;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class MaintenanceTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "kn.redis.key-prefix")
    String prefix;

    @AfterEach
    void off() {
        Clients.fresh().auth().oauth2(TestTokens.admin()).delete("/api/v1/admin/maintenance").then().statusCode(204);
    }

    @Test
    void anAdminSwitchesMaintenanceOnAndEveryoneElseGets503UntilOff() {
        Clients.fresh().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body("{\"message\":\"Upgrading the database\",\"retryAfterSeconds\":120}")
                .put("/api/v1/admin/maintenance").then()
                .statusCode(200)
                .body("enabled", equalTo(true))
                .body("by", equalTo("admin-1"));

        Clients.fresh().get("/api/v1/sync/connections").then()
                .statusCode(503)
                .header("Retry-After", "120")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kn:problem:maintenance"))
                .body("detail", equalTo("Upgrading the database"));
        Clients.fresh().accept("text/html").get("/graphql").then()
                .statusCode(503)
                .header("Retry-After", "120")
                .contentType(containsString("text/html"))
                .body(containsString("Upgrading the database"));
        // Health keeps answering, and the admin API too.
        Clients.fresh().get("/api/v1/health").then().statusCode(200);
        Clients.fresh().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/maintenance").then()
                .statusCode(200).body("enabled", equalTo(true));

        Clients.fresh().auth().oauth2(TestTokens.admin()).delete("/api/v1/admin/maintenance").then().statusCode(204);
        Clients.fresh().get("/api/v1/sync/connections").then().statusCode(200);
    }

    @Test
    void aSwitchWrittenByAnotherReplicaIsFollowedWithinTheRefresh() throws InterruptedException {
        redis.value(String.class).set(prefix + "gateway:maintenance",
                "{\"message\":\"Elsewhere\",\"retry_after_seconds\":60,\"since\":\"2026-01-01T00:00:00Z\",\"by\":\"other\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = Clients.fresh().get("/api/v1/sync/connections").statusCode();
            if (status != 503) {
                Thread.sleep(100);
            }
        } while (status != 503 && System.nanoTime() < deadline);
        Clients.fresh().get("/api/v1/sync/connections").then().statusCode(503).header("Retry-After", "60");
    }

    @Test
    void onlyAdminsWithMfaMaySwitchIt() {
        Clients.fresh().contentType("application/json").body("{}").put("/api/v1/admin/maintenance").then()
                .statusCode(401).contentType("application/problem+json");
        Clients.fresh().auth().oauth2("not-a-token").contentType("application/json").body("{}")
                .put("/api/v1/admin/maintenance").then().statusCode(401);
        Clients.fresh().auth().oauth2(TestTokens.forged("admin-1")).contentType("application/json").body("{}")
                .put("/api/v1/admin/maintenance").then().statusCode(401);
        Clients.fresh().auth().oauth2(TestTokens.token("user-1", "USER", List.of("pwd", "mfa")))
                .contentType("application/json").body("{}").put("/api/v1/admin/maintenance").then()
                .statusCode(403).body("type", equalTo("urn:kn:problem:admin-required"));
        Clients.fresh().auth().oauth2(TestTokens.token("admin-2", "ADMIN", List.of("pwd")))
                .contentType("application/json").body("{}").put("/api/v1/admin/maintenance").then()
                .statusCode(403).body("type", equalTo("urn:kn:problem:mfa-required"));
        Clients.fresh().get("/api/v1/sync/connections").then().statusCode(200);
    }
}
