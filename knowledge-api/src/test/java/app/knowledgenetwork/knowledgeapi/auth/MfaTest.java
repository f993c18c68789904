package app.knowledgenetwork.knowledgeapi.auth;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.mfa.Totp;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class MfaTest {
    @Inject
    EntityManager em;
    static final String LOGIN = "mutation($e: String!) { login(email: $e, password: \"correct horse battery\") { session { accessToken } mfaChallenge } }";
    static final String VERIFY = "mutation($c: String!, $code: String!) { verifyMfa(challenge: $c, code: $code) { accessToken refreshToken } }";

    @Test
    void enrolledUsersNeedATotpOrRecoveryCodeToLogIn() {
        Gql.Session user = Gql.newUser("careful");
        JsonPath enrolled = call(user.accessToken(), "mutation { enrollMfa(password: \"correct horse battery\") { secret otpauthUri } }");
        String secret = enrolled.getString("data.enrollMfa.secret");
        assertTrue(enrolled.getString("data.enrollMfa.otpauthUri").startsWith("otpauth://totp/Knowledge%20Network:" + user.email().replace("@", "%40")));
        assertTrue(enrolled.getString("data.enrollMfa.otpauthUri").contains("secret=" + secret));

        // Not on until confirmed: login still gives a session.
        assertEquals(false, call(user.accessToken(), "{ me { mfaEnabled } }").getBoolean("data.me.mfaEnabled"));
        assertNotNull(call(null, LOGIN, "e", user.email()).getString("data.login.session.accessToken"));
        assertEquals("BAD_USER_INPUT", errorCode(call(user.accessToken(), "mutation { confirmMfa(code: \"000000\") { codes } }")));
        long step = Instant.now().getEpochSecond() / 30;
        JsonPath confirmed = call(user.accessToken(), "mutation($c: String!) { confirmMfa(code: $c) { codes } }", "c", totp(secret, step));
        List<String> recovery = confirmed.getList("data.confirmMfa.codes");
        assertEquals(10, recovery.size());
        // The account page tells whether MFA is on from the user's own `me`.
        assertEquals(true, call(user.accessToken(), "{ me { mfaEnabled } }").getBoolean("data.me.mfaEnabled"));

        JsonPath login = call(null, LOGIN, "e", user.email());
        assertNull(login.get("data.login.session"));
        String challenge = login.getString("data.login.mfaChallenge");
        assertNotNull(challenge);

        // Wrong code, and the code already used to confirm (replay), are refused.
        assertEquals("UNAUTHENTICATED", errorCode(call(null, VERIFY, "c", challenge, "code", "123456")));
        assertEquals("UNAUTHENTICATED", errorCode(call(null, VERIFY, "c", challenge, "code", totp(secret, step))));
        JsonPath ok = call(null, VERIFY, "c", challenge, "code", totp(secret, step + 1));
        String access = ok.getString("data.verifyMfa.accessToken");
        assertNotNull(access, ok.prettify());
        assertEquals(List.of("pwd", "otp", "mfa"), claims(access).getList("amr"));
        // The challenge is single use.
        assertEquals("UNAUTHENTICATED", errorCode(call(null, VERIFY, "c", challenge, "code", totp(secret, step + 1))));

        // A recovery code works once.
        String second = call(null, LOGIN, "e", user.email()).getString("data.login.mfaChallenge");
        assertNotNull(call(null, VERIFY, "c", second, "code", recovery.get(0).toLowerCase()).getString("data.verifyMfa.accessToken"));
        String third = call(null, LOGIN, "e", user.email()).getString("data.login.mfaChallenge");
        assertEquals("UNAUTHENTICATED", errorCode(call(null, VERIFY, "c", third, "code", recovery.get(0))));

        // The MFA session's refresh keeps its amr.
        String refreshed = call(null, "mutation($t: String!) { refresh(refreshToken: $t) { accessToken } }", "t", ok.getString("data.verifyMfa.refreshToken"))
                .getString("data.refresh.accessToken");
        assertEquals(List.of("pwd", "otp", "mfa"), claims(refreshed).getList("amr"));

        // Disabling needs a code; afterwards a password is enough again.
        assertEquals("BAD_USER_INPUT", errorCode(call(user.accessToken(), "mutation { disableMfa(code: \"999999\") }")));
        assertTrue(call(user.accessToken(), "mutation($c: String!) { disableMfa(code: $c) }", "c", recovery.get(1)).getBoolean("data.disableMfa"));
        assertNotNull(call(null, LOGIN, "e", user.email()).getString("data.login.session.accessToken"));
    }

    @Test
    void enrollingAnAuthenticatorNeedsThePasswordAgain() {
        Gql.Session user = Gql.newUser("token-thief-victim");
        JsonPath refused = call(user.accessToken(), "mutation { enrollMfa(password: \"not the password\") { secret } }");
        assertEquals("UNAUTHENTICATED", errorCode(refused), refused.prettify());
        assertTrue(refused.getString("errors[0].message").startsWith("password:"));
        // Nothing was enrolled: confirming has nothing to confirm.
        assertEquals("CONFLICT", errorCode(call(user.accessToken(), "mutation { confirmMfa(code: \"123456\") { codes } }")));
    }

    @Test
    void totpSecretsAreStoredSealedAndOldPlainOnesStillWork() {
        Gql.Session user = Gql.newUser("sealed");
        String secret = call(user.accessToken(), "mutation { enrollMfa(password: \"correct horse battery\") { secret } }").getString("data.enrollMfa.secret");
        String stored = storedSecret(user);
        assertTrue(stored.startsWith("v1:") && !stored.contains(secret), "sealed at rest, was " + stored);
        long step = Instant.now().getEpochSecond() / 30;
        assertNotNull(call(user.accessToken(), "mutation($c: String!) { confirmMfa(code: $c) { codes } }", "c", totp(secret, step)).get("data.confirmMfa"));

        // A secret stored in plain text before sealing existed still signs in, and is sealed on the way.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE app_user SET totp_secret = ?2 WHERE id = ?1")
                .setParameter(1, UUID.fromString(user.userId())).setParameter(2, secret).executeUpdate());
        String challenge = call(null, LOGIN, "e", user.email()).getString("data.login.mfaChallenge");
        assertNotNull(call(null, VERIFY, "c", challenge, "code", totp(secret, step + 1)).getString("data.verifyMfa.accessToken"));
        assertTrue(storedSecret(user).startsWith("v1:"));
    }

    private String storedSecret(Gql.Session user) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("SELECT totp_secret FROM app_user WHERE id = ?1")
                .setParameter(1, UUID.fromString(user.userId())).getSingleResult());
    }

    @Test
    void fiveWrongCodesEndTheChallenge() {
        Gql.Session user = Gql.newUser("guessed");
        String secret = call(user.accessToken(), "mutation { enrollMfa(password: \"correct horse battery\") { secret } }").getString("data.enrollMfa.secret");
        long step = Instant.now().getEpochSecond() / 30;
        call(user.accessToken(), "mutation($c: String!) { confirmMfa(code: $c) { codes } }", "c", totp(secret, step));
        String challenge = call(null, LOGIN, "e", user.email()).getString("data.login.mfaChallenge");
        for (int i = 0; i < 5; i++) {
            call(null, VERIFY, "c", challenge, "code", String.format("%06d", i));
        }
        JsonPath late = call(null, VERIFY, "c", challenge, "code", totp(secret, step + 1));
        assertEquals("UNAUTHENTICATED", errorCode(late));
        assertTrue(late.getString("errors[0].message").contains("log in again"));
    }

    private static String totp(String secret, long step) {
        return Totp.code(Totp.fromBase32(secret), step, 6);
    }

    private static JsonPath claims(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
