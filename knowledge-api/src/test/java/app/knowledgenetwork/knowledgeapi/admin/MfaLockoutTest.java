package app.knowledgenetwork.knowledgeapi.admin;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Parallel;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A guesser who has the password, sending wrong codes in parallel login after login, as the security review did:
 * the account's MFA step locks after the configured number of wrong codes (10), counted across challenges, and
 * stays locked — even to the right code — until a platform admin unlocks it.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class MfaLockoutTest {
    static final int LIMIT = 10;
    static final String LOGIN = "mutation($e: String!) { login(email: $e, password: \"correct horse battery\") { session { accessToken } mfaChallenge } }";
    static final String VERIFY = "mutation($c: String!, $code: String!) { verifyMfa(challenge: $c, code: $code) { accessToken } }";
    static final String UNLOCK = "mutation($u: ID!) { unlockMfa(userId: $u) { mfaLocked } }";

    @Inject
    EntityManager em;

    @Test
    void parallelGuessesAcrossLoginsLockTheAccountUntilAnAdminUnlocksIt() throws Exception {
        Gql.Session user = Gql.newUser("guessed");
        String secret = enrol(user);
        long step = Instant.now().getEpochSecond() / 30;

        int evaluated = 0;
        for (int login = 0; login < 3; login++) {
            JsonPath started = call(null, LOGIN, "e", user.email());
            String challenge = started.getString("data.login.mfaChallenge");
            if (challenge == null) {
                assertEquals("MFA_LOCKED", reason(started), started.prettify());
                continue;
            }
            int offset = login * 30;
            List<JsonPath> answers = Parallel.run(30, i -> call(null, VERIFY, "c", challenge, "code", wrongCode(secret, step, offset + i)));
            for (JsonPath answer : answers) {
                assertEquals("UNAUTHENTICATED", Gql.errorCode(answer), answer.prettify());
                if (answer.getString("errors[0].message").startsWith("Wrong code")) {
                    evaluated++;
                }
            }
        }
        assertTrue(evaluated < LIMIT, "wrong codes evaluated before the lock: " + evaluated);

        // Locked: the right password no longer reaches the code step, and the message says what to do.
        JsonPath refused = call(null, LOGIN, "e", user.email());
        assertEquals("MFA_LOCKED", reason(refused), refused.prettify());
        assertTrue(refused.getString("errors[0].message").contains("ask a platform admin"));

        Gql.Session admin = Admins.newAdmin(em, "unlocker");
        JsonPath listed = call(admin.accessToken(), "query($q: String) { users(emailContains: $q) { edges { node { mfaLocked } } } }", "q", user.email());
        assertTrue(listed.getBoolean("data.users.edges[0].node.mfaLocked"), listed.prettify());
        assertFalse(call(admin.accessToken(), UNLOCK, "u", user.userId()).getBoolean("data.unlockMfa.mfaLocked"));

        String challenge = call(null, LOGIN, "e", user.email()).getString("data.login.mfaChallenge");
        JsonPath verified = call(null, VERIFY, "c", challenge, "code", Admins.code(secret, step + 1));
        assertNotNull(verified.getString("data.verifyMfa.accessToken"), verified.prettify());
    }

    @Test
    void wrongCodesToDisableMfaCountTowardTheSameLock() throws Exception {
        Gql.Session user = Gql.newUser("stolen-token");
        String secret = enrol(user);
        long step = Instant.now().getEpochSecond() / 30;

        List<JsonPath> answers = Parallel.run(LIMIT + 5, i -> call(user.accessToken(), "mutation($c: String!) { disableMfa(code: $c) }", "c", wrongCode(secret, step, i)));
        long locked = answers.stream().filter(a -> "MFA_LOCKED".equals(reason(a))).count();
        assertTrue(locked >= 5, "refused as locked: " + locked);

        // Even the right code is refused now, and MFA stays on.
        JsonPath right = call(user.accessToken(), "mutation($c: String!) { disableMfa(code: $c) }", "c", Admins.code(secret, step + 1));
        assertEquals("MFA_LOCKED", reason(right), right.prettify());
        assertEquals("MFA_LOCKED", reason(call(null, LOGIN, "e", user.email())));
    }

    /** Enrols and confirms TOTP with the current step's code; returns the secret. */
    private static String enrol(Gql.Session user) {
        String secret = call(user.accessToken(), "mutation { enrollMfa(password: \"correct horse battery\") { secret } }").getString("data.enrollMfa.secret");
        long step = Instant.now().getEpochSecond() / 30;
        JsonPath confirmed = call(user.accessToken(), "mutation($c: String!) { confirmMfa(code: $c) { codes } }", "c", Admins.code(secret, step));
        assertNotNull(confirmed.get("data.confirmMfa"), confirmed.prettify());
        return secret;
    }

    /** A six-digit code that is none of the codes the server could accept around this step. */
    private static String wrongCode(String secret, long step, int i) {
        List<String> valid = new ArrayList<>();
        for (long s = step - 2; s <= step + 3; s++) {
            valid.add(Admins.code(secret, s));
        }
        int n = i;
        String code;
        do {
            code = String.format("%06d", (n++ * 7919) % 1_000_000);
        } while (valid.contains(code));
        return code;
    }

    private static String reason(JsonPath answer) {
        return answer.getString("errors[0].extensions.reason");
    }

}
