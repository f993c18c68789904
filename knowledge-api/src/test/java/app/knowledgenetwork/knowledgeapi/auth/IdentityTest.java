package app.knowledgenetwork.knowledgeapi.auth;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class IdentityTest {
    private static final String REGISTER = """
            mutation($e: String!, $p: String!) {
              register(email: $e, password: $p, displayName: "Ada") { accessToken accessTokenExpiresIn refreshToken user { id email platformRole } }
            }""";
    private static final String LOGIN = """
            mutation($e: String!, $p: String!) { login(email: $e, password: $p) { session { accessToken refreshToken user { id } } } }""";
    private static final String REFRESH = """
            mutation($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }""";
    private static final String ME = "{ me { id email } }";

    @Inject
    EntityManager em;
    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    /** Finding 12: an email longer than any address is refused before it becomes part of a Redis key. */
    @Test
    void emailsLongerThanAnAddressCanBeAreRefused() {
        String tooLong = "a".repeat(250) + "@example.org";
        JsonPath registered = call(null, REGISTER, "e", tooLong, "p", "correct horse battery");
        assertEquals("BAD_USER_INPUT", errorCode(registered), registered.prettify());
        assertEquals("UNAUTHENTICATED", errorCode(call(null, LOGIN, "e", tooLong, "p", "correct horse battery")));
        assertEquals(List.of(), redis.key().keys("*" + tooLong.substring(0, 50) + "*"), "no Redis key holds it");
    }

    @Test
    void registerNormalizesTheEmailStoresAnArgon2idHashAndRefusesADuplicate() {
        String local = "Ada." + UUID.randomUUID().toString().substring(0, 8);
        JsonPath r = call(null, REGISTER, "e", "  " + local.toUpperCase() + "@Example.ORG ", "p", "correct horse battery");
        String email = local.toLowerCase() + "@example.org";
        assertEquals(email, r.getString("data.register.user.email"));
        assertEquals("USER", r.getString("data.register.user.platformRole"));
        assertEquals(900, r.getInt("data.register.accessTokenExpiresIn"));

        String hash = (String) em.createNativeQuery("SELECT password_hash FROM app_user WHERE email = ?1").setParameter(1, email).getSingleResult();
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456"), hash);
        assertFalse(hash.contains("correct horse"));

        JsonPath dup = call(null, REGISTER, "e", email.toUpperCase(), "p", "another password!");
        assertEquals("CONFLICT", errorCode(dup));
        assertTrue(dup.getString("errors[0].message").contains("already exists"), dup.prettify());
    }

    @Test
    void badInputIsNamed() {
        JsonPath r = call(null, REGISTER, "e", "not-an-email", "p", "correct horse battery");
        assertEquals("BAD_USER_INPUT", errorCode(r));
        assertTrue(r.getString("errors[0].message").startsWith("email"));
        JsonPath shortPw = call(null, REGISTER, "e", "x" + UUID.randomUUID() + "@example.org", "p", "short");
        assertEquals("BAD_USER_INPUT", errorCode(shortPw));
        assertTrue(shortPw.getString("errors[0].message").startsWith("password"));
    }

    @Test
    void loginGivesATokenThatIdentifiesTheUserAndWrongPasswordOrUnknownEmailLookTheSame() {
        Gql.Session s = Gql.newUser("grace");
        JsonPath ok = call(null, LOGIN, "e", s.email().toUpperCase(), "p", "correct horse battery");
        String token = ok.getString("data.login.session.accessToken");
        assertEquals(s.userId(), call(token, ME).getString("data.me.id"));

        JsonPath wrong = call(null, LOGIN, "e", s.email(), "p", "wrong password!!");
        JsonPath unknown = call(null, LOGIN, "e", "nobody-" + UUID.randomUUID() + "@example.org", "p", "wrong password!!");
        assertEquals("UNAUTHENTICATED", errorCode(wrong));
        assertEquals(wrong.getString("errors[0].message"), unknown.getString("errors[0].message"));
        assertEquals("UNAUTHENTICATED", errorCode(unknown));

        JsonPath anonymous = call(null, ME);
        assertEquals("UNAUTHENTICATED", errorCode(anonymous));
        assertNull(anonymous.get("errors[0].extensions.exception"));
        assertFalse(anonymous.prettify().contains("at app.knowledgenetwork"), "no stack trace in a response");
    }

    @Test
    void accessTokenIsRs256WithSubGroupsAmrAndVerifiesAgainstTheJwks() throws Exception {
        Gql.Session s = Gql.newUser("alan");
        String[] parts = s.accessToken().split("\\.");
        var header = new JsonPath(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        var claims = new JsonPath(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals("RS256", header.getString("alg"));
        assertEquals(s.userId(), claims.getString("sub"));
        assertEquals(List.of("USER"), claims.getList("groups"));
        assertEquals(List.of("pwd"), claims.getList("amr"));
        assertEquals(900, claims.getLong("exp") - claims.getLong("iat"));

        Map<String, String> jwk = given().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath().getMap("keys[0]");
        assertEquals(header.getString("kid"), jwk.get("kid"));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n"))), new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e")))));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));

        // A token signed by someone else is refused.
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]);
        given().header("Authorization", "Bearer " + forged).contentType("application/json")
                .body(Map.of("query", ME)).post("/graphql").then().statusCode(401);
    }

    @Test
    void refreshRotatesAndReplayingAUsedTokenRevokesTheWholeFamily() {
        Gql.Session s = Gql.newUser("linus");
        JsonPath first = call(null, REFRESH, "t", s.refreshToken());
        String second = first.getString("data.refresh.refreshToken");
        assertNotEquals(s.refreshToken(), second);
        assertEquals(s.userId(), call(first.getString("data.refresh.accessToken"), ME).getString("data.me.id"));

        JsonPath replay = call(null, REFRESH, "t", s.refreshToken());
        assertEquals("UNAUTHENTICATED", errorCode(replay));
        // The family is gone: even the newest token no longer works.
        assertEquals("UNAUTHENTICATED", errorCode(call(null, REFRESH, "t", second)));
        assertEquals("UNAUTHENTICATED", errorCode(call(null, REFRESH, "t", "made-up-token")));
    }

    @Test
    void logoutEndsOneSessionAndLogoutEverywhereEndsAll() {
        Gql.Session s = Gql.newUser("barbara");
        String other = call(null, LOGIN, "e", s.email(), "p", "correct horse battery").getString("data.login.session.refreshToken");
        String third = call(null, LOGIN, "e", s.email(), "p", "correct horse battery").getString("data.login.session.refreshToken");

        assertTrue(call(null, "mutation($t: String!) { logout(refreshToken: $t) }", "t", s.refreshToken()).getBoolean("data.logout"));
        assertEquals("UNAUTHENTICATED", errorCode(call(null, REFRESH, "t", s.refreshToken())));
        String rotated = call(null, REFRESH, "t", other).getString("data.refresh.refreshToken");

        assertEquals("UNAUTHENTICATED", errorCode(call(null, "mutation { logoutEverywhere }")));
        assertEquals(2, call(s.accessToken(), "mutation { logoutEverywhere }").getInt("data.logoutEverywhere"));
        // The access token it was sent with stops working at once too, not in 15 minutes.
        assertEquals(401, io.restassured.RestAssured.given().contentType("application/json").header("Authorization", "Bearer " + s.accessToken())
                .body(java.util.Map.of("query", "{ me { id } }")).post("/graphql").statusCode());
        assertEquals("UNAUTHENTICATED", errorCode(call(null, REFRESH, "t", rotated)));
        assertEquals("UNAUTHENTICATED", errorCode(call(null, REFRESH, "t", third)));
    }
}
