package app.knowledgenetwork.emulators.google;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web-server flow as the gateway runs it: consent with state and PKCE, then the code for tokens. */
@QuarkusTest
class AuthorizationCodeGrantTest {

    static final String KEEP = "https://www.googleapis.com/auth/keep.readonly";
    static final String REDIRECT = "https://admin.example.test/oauth/callback";
    static final Pattern CONSENT = Pattern.compile("name=\"consent\" value=\"([^\"]+)\"");

    String clientId;
    String verifier;

    @BeforeEach
    void registerClient() {
        clientId = "client-" + UUID.randomUUID() + ".apps.googleusercontent.com";
        given().contentType(ContentType.JSON)
                .body("{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"s3cret\",\"redirectUris\":[\"" + REDIRECT + "\"]}")
                .post("/_emulator/google/oauth-clients").then().statusCode(204);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().repeat(2).getBytes());
    }

    static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Consent given as alice: the query the browser is sent back to the redirect URI with. */
    Map<String, String> consent(String decision) throws Exception {
        String page = given().redirects().follow(false)
                .queryParam("client_id", clientId).queryParam("redirect_uri", REDIRECT).queryParam("response_type", "code")
                .queryParam("scope", KEEP).queryParam("state", "st-1").queryParam("access_type", "offline")
                .queryParam("code_challenge", challenge(verifier)).queryParam("code_challenge_method", "S256")
                .get("/google/o/oauth2/v2/auth").then().statusCode(200)
                .body(containsString("<label for=\"email\">Email</label>")).extract().asString();
        Matcher m = CONSENT.matcher(page);
        assertTrue(m.find(), page);
        String location = given().redirects().follow(false).formParam("consent", m.group(1))
                .formParam("email", "alice@corp.example").formParam("decision", decision)
                .post("/google/o/oauth2/v2/auth/consent").then().statusCode(302).extract().header("Location");
        assertTrue(location.startsWith(REDIRECT + "?"), location);
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    ValidatableResponse exchange(String code, String redirect, String codeVerifier) {
        var request = given().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("client_id", clientId).formParam("client_secret", "s3cret").formParam("redirect_uri", redirect);
        if (codeVerifier != null) {
            request.formParam("code_verifier", codeVerifier);
        }
        return request.post("/google/oauth2/token").then();
    }

    @Test
    void aConsentedCodeWithItsVerifierGivesTokensThatReadTheUsersKeep() throws Exception {
        Map<String, String> back = consent("allow");
        assertEquals("st-1", back.get("state"));
        String refresh = exchange(back.get("code"), REDIRECT, verifier).statusCode(200)
                .body("access_token", startsWith("ya29.")).body("token_type", equalTo("Bearer")).body("scope", equalTo(KEEP))
                .body("refresh_token", notNullValue()).extract().path("refresh_token");
        String access = given().formParam("grant_type", "refresh_token").formParam("refresh_token", refresh)
                .formParam("client_id", clientId).formParam("client_secret", "s3cret")
                .post("/google/oauth2/token").then().statusCode(200).extract().path("access_token");
        given().contentType(ContentType.JSON).body("{\"id\":\"oauth-note\",\"body\":{\"text\":{\"text\":\"a\"}}}")
                .post("/_emulator/keep/users/alice@corp.example/notes").then().statusCode(201);
        given().auth().oauth2(access).get("/keep/v1/notes/oauth-note").then().statusCode(200);
    }

    @Test
    void aCodeIsGoodForOneExchangeOnly() throws Exception {
        String code = consent("allow").get("code");
        exchange(code, REDIRECT, verifier).statusCode(200);
        exchange(code, REDIRECT, verifier).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aWrongOrMissingVerifierIsRefusedAndSpendsTheCode() throws Exception {
        String code = consent("allow").get("code");
        exchange(code, REDIRECT, verifier + "x").statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("Invalid code verifier."));
        exchange(code, REDIRECT, verifier).statusCode(400).body("error", equalTo("invalid_grant"));
        exchange(consent("allow").get("code"), REDIRECT, null).statusCode(400)
                .body("error_description", equalTo("Missing code verifier."));
    }

    @Test
    void anotherRedirectUriThanTheConsentsIsRefused() throws Exception {
        exchange(consent("allow").get("code"), "https://evil.example/cb", verifier).statusCode(400)
                .body("error", equalTo("redirect_uri_mismatch"));
    }

    @Test
    void aDeniedConsentGoesBackAsAccessDeniedWithTheState() throws Exception {
        Map<String, String> back = consent("deny");
        assertEquals("access_denied", back.get("error"));
        assertEquals("st-1", back.get("state"));
    }

    @Test
    void anUnknownClientOrUnregisteredRedirectIsShownNotRedirected() {
        given().redirects().follow(false).queryParam("client_id", "nobody").queryParam("redirect_uri", REDIRECT)
                .queryParam("response_type", "code").queryParam("scope", KEEP)
                .get("/google/o/oauth2/v2/auth").then().statusCode(401).body(containsString("invalid_client"));
        given().redirects().follow(false).queryParam("client_id", clientId).queryParam("redirect_uri", "https://evil.example/cb")
                .queryParam("response_type", "code").queryParam("scope", KEEP)
                .get("/google/o/oauth2/v2/auth").then().statusCode(400).body(containsString("redirect_uri_mismatch"));
    }
}
