package app.knowledgenetwork.apigateway.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.apigateway.Clients;
import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.apigateway.SyncServiceStandIn;
import app.knowledgenetwork.apigateway.oauth.OAuthCallback;
import app.knowledgenetwork.testsupport.EmulatorsTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Google connect flow from the console through the emulated Google (the real authorize and token
 * endpoints, in their own process) to the connection sync-service receives.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
@WithTestResource(EmulatorsTestResource.class)
class GoogleConnectTest {

    static final String CLIENT = "kn-gateway-test.apps.googleusercontent.com";
    static final String SECRET = "gateway-test-secret";
    static final Pattern CONSENT = Pattern.compile("name=\"consent\" value=\"([^\"]+)\"");

    @BeforeAll
    static void registerTheGatewaysClientWithGoogle() {
        given().contentType(ContentType.JSON).body(new JsonObject().put("clientId", CLIENT).put("clientSecret", SECRET)
                        .put("redirectUris", new io.vertx.core.json.JsonArray().add("http://localhost/oauth/callback")).encode())
                .post(EmulatorsTestResource.baseUrl() + "/_emulator/google/oauth-clients").then().statusCode(204);
    }

    /** A started flow: the flow cookie and where the browser was sent. */
    record Started(String cookie, URI consentUrl) {
        String state() {
            return query(consentUrl).get("state");
        }
    }

    static Started start(ConsoleTest.Browser browser, String name) {
        // A browser follows the form's redirect to Google only if the page's form-action allows Google's origin.
        URI google = URI.create(EmulatorsTestResource.baseUrl().toString());
        browser.get("/admin/connections").then().statusCode(200).body(containsString("New connection"))
                .header("Content-Security-Policy", containsString("form-action 'self' " + google.getScheme() + "://" + google.getRawAuthority()));
        Response started = browser.post("/admin/connections", "csrf", browser.csrf, "name", name, "credentials", "GOOGLE",
                "notionDatabaseId", "db-1", "notionToken", "secret_notion", "scheduleMinutes", "60");
        started.then().statusCode(303);
        String setCookie = started.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(OAuthCallback.FLOW_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("Secure") && setCookie.contains("SameSite=Lax")
                && setCookie.contains("Path=/oauth"), setCookie);
        started.then().header("Location", endsWith("/oauth/google/start"));
        String cookie = started.getCookie(OAuthCallback.FLOW_COOKIE);
        return new Started(cookie, toGoogle(cookie));
    }

    /** {@code /oauth/google/start} with the flow cookie: where it sends the browser, checked to be Google's consent. */
    static URI toGoogle(String cookie) {
        Response toGoogle = Clients.fresh().cookie(OAuthCallback.FLOW_COOKIE, cookie).get("/oauth/google/start");
        toGoogle.then().statusCode(303).header("Cache-Control", containsString("no-store"));
        URI consent = URI.create(toGoogle.header("Location"));
        assertTrue(consent.toString().startsWith(EmulatorsTestResource.baseUrl() + "/google/o/oauth2/v2/auth?"), consent.toString());
        Map<String, String> q = query(consent);
        assertEquals(CLIENT, q.get("client_id"));
        assertEquals("code", q.get("response_type"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("offline", q.get("access_type"));
        return consent;
    }

    /** The user allows access as alice at Google: the callback URL Google sends the browser to. */
    static URI consent(Started flow, String decision) {
        String page = given().redirects().follow(false).urlEncodingEnabled(false).get(flow.consentUrl().toString()).then().statusCode(200).extract().asString();
        Matcher m = CONSENT.matcher(page);
        assertTrue(m.find(), page);
        String location = given().redirects().follow(false).formParam("consent", m.group(1))
                .formParam("email", "alice@corp.example").formParam("decision", decision)
                .post(EmulatorsTestResource.baseUrl() + "/google/o/oauth2/v2/auth/consent")
                .then().statusCode(302).extract().header("Location");
        assertTrue(location.startsWith("http://localhost/oauth/callback?"), location);
        return URI.create(location);
    }

    static Response callback(String cookie, String rawQuery) {
        var request = Clients.fresh();
        if (cookie != null) {
            request.cookie(OAuthCallback.FLOW_COOKIE, cookie);
        }
        return request.urlEncodingEnabled(false).get("/oauth/callback?" + rawQuery);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    static ConsoleTest.Browser admin() {
        ConsoleTest.Browser browser = new ConsoleTest.Browser();
        browser.signIn("admin@example.test").then().statusCode(303);
        return browser;
    }

    @Test
    void anAdminConnectsAGoogleAccountAndTheConnectionGetsTheUsersRefreshToken() {
        ConsoleTest.Browser browser = admin();
        Started flow = start(browser, "Alice's Keep");
        URI back = consent(flow, "allow");
        int before = SyncServiceStandIn.CREATED.size();

        callback(flow.cookie(), back.getRawQuery()).then().statusCode(303).header("Location", endsWith("/admin/connections?created=1"));

        JsonObject created = SyncServiceStandIn.CREATED.get(before);
        assertEquals("Alice's Keep", created.getString("name"));
        assertEquals("KEEP_API", created.getString("sourceType"));
        assertEquals("REFRESH_TOKEN", created.getString("keepCredentialsType"));
        assertEquals("secret_notion", created.getString("notionToken"));
        assertEquals(60, created.getInteger("scheduleMinutes"));
        String refresh = created.getString("keepRefreshToken");
        assertNotNull(refresh);
        // The token is the user's: Google's refresh grant with the same client (keep-extractor's) accepts it.
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", refresh)
                .formParam("client_id", CLIENT).formParam("client_secret", SECRET)
                .post(EmulatorsTestResource.baseUrl() + "/google/oauth2/token").then().statusCode(200);
        browser.get("/admin/connections?created=1").then().statusCode(200).body(containsString("Connection created."));

        // The same callback again finds no flow: nothing is created twice.
        callback(flow.cookie(), back.getRawQuery()).then().statusCode(400).body(containsString("Connect flow not found"));
        assertEquals(before + 1, SyncServiceStandIn.CREATED.size());
    }

    @Test
    void aForgedStateIsRefusedAndCreatesNothing() {
        Started flow = start(admin(), "Forged");
        URI back = consent(flow, "allow");
        int before = SyncServiceStandIn.CREATED.size();
        String forged = back.getRawQuery().replaceAll("state=[^&]+", "state=forged-by-someone");
        callback(flow.cookie(), forged).then().statusCode(403).body(containsString("state mismatch"));
        assertEquals(before, SyncServiceStandIn.CREATED.size());
    }

    @Test
    void aCodeRedeemedWithAnotherFlowsVerifierIsRefusedByGoogle() {
        ConsoleTest.Browser browser = admin();
        Started first = start(browser, "First");
        URI back = consent(first, "allow");
        Started second = start(browser, "Second");
        int before = SyncServiceStandIn.CREATED.size();
        // The second flow's cookie and state with the first flow's code: the PKCE verifier does not match.
        String query = "code=" + java.net.URLEncoder.encode(query(back).get("code"), StandardCharsets.UTF_8)
                + "&state=" + java.net.URLEncoder.encode(second.state(), StandardCharsets.UTF_8);
        callback(second.cookie(), query).then().statusCode(502).body(containsString("Invalid code verifier."));
        assertEquals(before, SyncServiceStandIn.CREATED.size());
    }

    @Test
    void cancellingAtGoogleOrLosingTheFlowCookieCreatesNothing() {
        Started flow = start(admin(), "Cancelled");
        URI back = consent(flow, "deny");
        int before = SyncServiceStandIn.CREATED.size();
        callback(flow.cookie(), back.getRawQuery()).then().statusCode(400).body(containsString("access_denied"));
        callback(null, "code=abc&state=xyz").then().statusCode(400).body(containsString("Connect flow not found"));
        assertEquals(before, SyncServiceStandIn.CREATED.size());
    }

    @Test
    void startingAgainMakesTheEarlierTripsAnswerUselessAndAStartWithoutAFlowIsRefused() {
        Started flow = start(admin(), "Twice");
        URI firstAnswer = consent(flow, "allow");
        URI secondTrip = toGoogle(flow.cookie());
        assertTrue(!query(secondTrip).get("state").equals(flow.state()), "a new trip has a new state");
        int before = SyncServiceStandIn.CREATED.size();
        callback(flow.cookie(), firstAnswer.getRawQuery()).then().statusCode(403).body(containsString("state mismatch"));
        assertEquals(before, SyncServiceStandIn.CREATED.size());

        Clients.fresh().get("/oauth/google/start").then().statusCode(400).body(containsString("New connection"));
        Clients.fresh().cookie(OAuthCallback.FLOW_COOKIE, flow.cookie()).get("/oauth/google/start").then().statusCode(400);
    }

    @Test
    void theFormNamesWhatIsMissingAndAServiceAccountConnectionIsCreatedAtOnce() {
        ConsoleTest.Browser browser = admin();
        browser.get("/admin/connections").then().statusCode(200);
        browser.post("/admin/connections", "csrf", browser.csrf, "name", "No token", "credentials", "GOOGLE",
                        "notionDatabaseId", "db-1", "notionToken", "", "scheduleMinutes", "")
                .then().statusCode(400).body(containsString("Enter the Notion integration token"));
        browser.post("/admin/connections", "csrf", browser.csrf, "name", "Team", "credentials", "SERVICE_ACCOUNT",
                        "keepSubject", "bob@corp.example", "notionDatabaseId", "bad-database", "notionToken", "secret_x",
                        "scheduleMinutes", "")
                .then().statusCode(400).body(containsString("is not shared with the integration"));
        int before = SyncServiceStandIn.CREATED.size();
        browser.post("/admin/connections", "csrf", browser.csrf, "name", "Team", "credentials", "SERVICE_ACCOUNT",
                        "keepSubject", "bob@corp.example", "notionDatabaseId", "db-2", "notionToken", "secret_x",
                        "scheduleMinutes", "")
                .then().statusCode(303).header("Location", endsWith("/admin/connections?created=1"));
        JsonObject created = SyncServiceStandIn.CREATED.get(before);
        assertEquals("SERVICE_ACCOUNT", created.getString("keepCredentialsType"));
        assertEquals("bob@corp.example", created.getString("keepSubject"));
        browser.post("/admin/connections", "csrf", "wrong", "name", "x").then().statusCode(403);
    }
}
