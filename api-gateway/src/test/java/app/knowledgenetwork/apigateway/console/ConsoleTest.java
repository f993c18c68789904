package app.knowledgenetwork.apigateway.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.KnowledgeApiStandIn;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.apigateway.SyncServiceStandIn;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class ConsoleTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** A browser's state: its cookies and the CSRF token of the last page. */
    static final class Browser {
        String signIn;
        String session;
        String csrf;

        Response get(String path) {
            var request = Clients.fresh();
            if (signIn != null) {
                request.cookie(ConsoleResource.SIGN_IN_COOKIE, signIn);
            }
            if (session != null) {
                request.cookie(ConsoleResource.SESSION_COOKIE, session);
            }
            Response response = request.get(path);
            remember(response);
            return response;
        }

        Response post(String path, String... form) {
            var request = Clients.fresh().contentType("application/x-www-form-urlencoded");
            if (signIn != null) {
                request.cookie(ConsoleResource.SIGN_IN_COOKIE, signIn);
            }
            if (session != null) {
                request.cookie(ConsoleResource.SESSION_COOKIE, session);
            }
            for (int i = 0; i < form.length; i += 2) {
                request.formParam(form[i], form[i + 1]);
            }
            Response response = request.post(path);
            remember(response);
            return response;
        }

        private void remember(Response response) {
            String s = response.getCookie(ConsoleResource.SIGN_IN_COOKIE);
            if (s != null) {
                signIn = s.isEmpty() ? null : s;
            }
            String t = response.getCookie(ConsoleResource.SESSION_COOKIE);
            if (t != null) {
                session = t.isEmpty() ? null : t;
            }
            Matcher m = CSRF.matcher(response.asString());
            if (m.find()) {
                csrf = m.group(1);
            }
        }

        Response signIn(String email) {
            get("/admin/login").then().statusCode(200);
            post("/admin/login", "csrf", csrf, "email", email, "password", KnowledgeApiStandIn.PASSWORD).then()
                    .statusCode(303).header("Location", endsWith("/admin/login/mfa"));
            get("/admin/login/mfa").then().statusCode(200);
            return post("/admin/login/mfa", "csrf", csrf, "code", KnowledgeApiStandIn.CODE);
        }
    }

    @Test
    void anAdminSignsInWithPasswordAndTotpAndSeesHealthAndUsers() {
        Browser browser = new Browser();
        browser.get("/admin/").then().statusCode(303).header("Location", endsWith("/admin/login"));

        Response signedIn = browser.signIn("admin@example.test");
        signedIn.then().statusCode(303).header("Location", endsWith("/admin/"));
        String setCookie = signedIn.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleResource.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("Secure") && setCookie.contains("SameSite=Strict")
                && setCookie.contains("Path=/admin"), setCookie);
        assertNotNull(browser.session);

        browser.get("/admin/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("admin@example.test"))
                .body(containsString("knowledge_api"))
                .body(containsString("degraded"));
        browser.get("/admin/users").then().statusCode(200)
                .body(containsString("user@example.test"))
                .body(containsString("USER"));
        browser.get("/admin/static/console.css").then().statusCode(200);

        browser.post("/admin/logout", "csrf", browser.csrf).then().statusCode(303);
        assertNull(browser.session);
    }

    @Test
    void aWrongPasswordOrCodeIsSaidOnTheForm() {
        Browser browser = new Browser();
        browser.get("/admin/login");
        browser.post("/admin/login", "csrf", browser.csrf, "email", "admin@example.test", "password", "wrong").then()
                .statusCode(401).body(containsString("Wrong email or password"));
        browser.post("/admin/login", "csrf", browser.csrf, "email", "admin@example.test", "password", KnowledgeApiStandIn.PASSWORD)
                .then().statusCode(303);
        browser.get("/admin/login/mfa");
        browser.post("/admin/login/mfa", "csrf", browser.csrf, "code", "000000").then()
                .statusCode(401).body(containsString("Wrong code"));
        assertNull(browser.session);
    }

    @Test
    void aNonAdminIsRefusedAndGetsNoSession() {
        Browser browser = new Browser();
        browser.signIn("user@example.test").then().statusCode(403).body(containsString("platform admins only"));
        assertNull(browser.session);

        Browser noMfa = new Browser();
        noMfa.get("/admin/login");
        noMfa.post("/admin/login", "csrf", noMfa.csrf, "email", "nomfa@example.test", "password", KnowledgeApiStandIn.PASSWORD)
                .then().statusCode(403).body(containsString("two-step verification"));
        assertNull(noMfa.session);
    }

    @Test
    void aFormWithoutTheRightCsrfTokenIsRefused() {
        Browser browser = new Browser();
        browser.get("/admin/login");
        browser.post("/admin/login", "csrf", "forged", "email", "admin@example.test", "password", KnowledgeApiStandIn.PASSWORD)
                .then().statusCode(403).body(containsString("CSRF"));

        Browser admin = new Browser();
        admin.signIn("admin@example.test").then().statusCode(303);
        admin.post("/admin/maintenance", "csrf", "forged", "action", "on").then().statusCode(403);
        admin.post("/admin/maintenance", "action", "on").then().statusCode(403);
        Clients.fresh().get("/api/v1/sync/connections").then().statusCode(200);
    }

    @Test
    void anAdminDisablesAUserThroughKnowledgeApi() {
        Browser admin = new Browser();
        admin.signIn("admin@example.test").then().statusCode(303);
        admin.get("/admin/users").then().statusCode(200).body(containsString("/admin/users/u-2/disable"));
        admin.post("/admin/users/u-2/disable", "csrf", admin.csrf).then().statusCode(303).header("Location", endsWith("/admin/users"));
        org.junit.jupiter.api.Assertions.assertTrue(KnowledgeApiStandIn.USER_ACTIONS.contains("disableUser u-2"),
                KnowledgeApiStandIn.USER_ACTIONS.toString());
        admin.get("/admin/users");
        admin.post("/admin/users/admin-1/disable", "csrf", admin.csrf).then().statusCode(409)
                .body(containsString("last enabled ADMIN"));
        admin.post("/admin/users/u-2/enable", "csrf", "forged").then().statusCode(403);
        org.junit.jupiter.api.Assertions.assertFalse(KnowledgeApiStandIn.USER_ACTIONS.contains("enableUser u-2"));
    }

    @Test
    void anAdminSeesConnectionsStartsASyncAndSeesItsJobs() {
        Browser admin = new Browser();
        admin.signIn("admin@example.test").then().statusCode(303);
        admin.get("/admin/connections").then().statusCode(200)
                .body(containsString("Team notes"))
                .body(containsString("Sync now"));
        admin.post("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/sync", "csrf", admin.csrf, "mode", "INCREMENTAL")
                .then().statusCode(303).header("Location", endsWith("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/jobs"));
        admin.post("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/sync", "csrf", admin.csrf, "mode", "FULL")
                .then().statusCode(303);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("INCREMENTAL", "FULL"),
                SyncServiceStandIn.TRIGGERED.subList(0, 2));
        admin.post("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/sync", "csrf", "forged").then().statusCode(403);
        admin.get("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/jobs").then().statusCode(200)
                .body(containsString("SUCCEEDED"))
                .body(containsString("12/12"));
        admin.get("/admin/connections/nope/jobs").then().statusCode(404).body(containsString("No connection with this id"));
        admin.get("/admin/jobs/job-1/notes").then().statusCode(200)
                .body(containsString("Groceries"))
                .body(containsString("attachment too large for Notion"))
                .body(containsString("Notion rejected the page"));
        admin.get("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/jobs");
        admin.post("/admin/jobs/job-1/retry", "csrf", admin.csrf, "connectionId", SyncServiceStandIn.CONNECTION).then()
                .statusCode(303).header("Location", endsWith("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/jobs"));
        org.junit.jupiter.api.Assertions.assertTrue(SyncServiceStandIn.TRIGGERED.contains("RETRY job-1"));
    }

    @Test
    void anAdminDisablesAConnectionsScheduleKeepingEverythingElse() {
        Browser admin = new Browser();
        admin.signIn("admin@example.test").then().statusCode(303);
        admin.get("/admin/connections").then().statusCode(200).body(containsString("Disable scheduled runs: Team notes"));
        admin.post("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/enabled", "csrf", "forged", "enabled", "false")
                .then().statusCode(403);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), SyncServiceStandIn.EDITED);
        admin.post("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/enabled", "csrf", admin.csrf, "enabled", "maybe")
                .then().statusCode(400).body(containsString("enabled must be true or false"));
        admin.post("/admin/connections/" + SyncServiceStandIn.CONNECTION + "/enabled", "csrf", admin.csrf, "enabled", "false")
                .then().statusCode(303).header("Location", endsWith("/admin/connections"));
        org.junit.jupiter.api.Assertions.assertEquals(1, SyncServiceStandIn.EDITED.size(), SyncServiceStandIn.EDITED.toString());
        io.vertx.core.json.JsonObject edit = SyncServiceStandIn.EDITED.get(0);
        org.junit.jupiter.api.Assertions.assertEquals(false, edit.getBoolean("enabled"));
        // The rest of the connection is sent back as shown, and no token: sync-service keeps the stored ones.
        org.junit.jupiter.api.Assertions.assertEquals("Team notes", edit.getString("name"));
        org.junit.jupiter.api.Assertions.assertEquals("team@example.test", edit.getString("keepSubject"));
        org.junit.jupiter.api.Assertions.assertEquals(60, edit.getInteger("scheduleMinutes"));
        org.junit.jupiter.api.Assertions.assertFalse(edit.containsKey("notionToken"), edit.encode());
    }

    @Test
    void theMaintenanceSwitchOfTheConsole() {
        Browser admin = new Browser();
        admin.signIn("admin@example.test").then().statusCode(303);
        admin.get("/admin/").then().statusCode(200).body(containsString("Switch maintenance on"));
        try {
            admin.post("/admin/maintenance", "csrf", admin.csrf, "action", "on", "message", "Back at noon",
                    "retryAfterMinutes", "10").then().statusCode(303);
            Clients.fresh().get("/api/v1/sync/connections").then().statusCode(503).header("Retry-After", "600");
            // The console stays reachable so the switch can be turned off.
            admin.get("/admin/").then().statusCode(200).body(containsString("Back at noon"))
                    .body(not(containsString("Switch maintenance on")));
        } finally {
            admin.post("/admin/maintenance", "csrf", admin.csrf, "action", "off").then().statusCode(303);
        }
        Clients.fresh().get("/api/v1/sync/connections").then().statusCode(200);
    }
}
