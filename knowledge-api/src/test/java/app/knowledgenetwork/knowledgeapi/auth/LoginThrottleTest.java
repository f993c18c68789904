package app.knowledgenetwork.knowledgeapi.auth;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.Parallel;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class LoginThrottleTest {
    static final String LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { session { accessToken } } }";

    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "kn.redis.key-prefix")
    String prefix;

    @Test
    void repeatedFailuresLockTheAccountForAWhileAndUnknownEmailsBehaveTheSame() {
        Gql.Session user = Gql.newUser("target");
        List<String> known = attackThenTryRealPassword(user.email(), "correct horse battery");
        String nobody = "nobody-" + UUID.randomUUID() + "@example.org";
        List<String> unknown = attackThenTryRealPassword(nobody, "correct horse battery");
        assertEquals(List.of("UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"), known);
        assertEquals(known, unknown, "the throttle must not reveal whether an email is registered");

        // Another account is unaffected.
        Gql.Session other = Gql.newUser("bystander");
        assertNotNull(call(null, LOGIN, "e", other.email(), "p", "correct horse battery").getString("data.login.session.accessToken"));

        // The lock is short at first: once it has passed, the right password works and clears the count.
        long deadline = System.currentTimeMillis() + 10_000;
        JsonPath r;
        do {
            r = call(null, LOGIN, "e", user.email(), "p", "correct horse battery");
        } while ("RATE_LIMITED".equals(errorCode(r)) && System.currentTimeMillis() < deadline && pause());
        assertNotNull(r.getString("data.login.session.accessToken"), r.prettify());

        // Every key of the throttle lives under this deployment's prefix (and there are some: an empty set proves nothing).
        assertEquals(java.util.Set.of(prefix + "login:fail:acct:" + nobody), new java.util.HashSet<>(redis.key().keys("*login:fail:acct:" + nobody)),
                "the unknown email's failures are counted, under this deployment's prefix only");
        assertTrue(redis.key().keys(prefix + "login:fail:acct:" + user.email()).isEmpty(), "success resets the account's count");
    }

    @Test
    void fiveFailuresLockTheAccountForTheWholeWindow() {
        Gql.Session user = Gql.newUser("locked");
        // Reach five failures without waiting out the short locks: they are the throttle's own keys.
        for (int i = 0; i < 5; i++) {
            redis.key().del(prefix + "login:lock:acct:" + user.email());
            assertEquals("UNAUTHENTICATED", errorCode(call(null, LOGIN, "e", user.email(), "p", "guess number " + i)));
        }
        JsonPath locked = call(null, LOGIN, "e", user.email(), "p", "correct horse battery");
        assertEquals("RATE_LIMITED", errorCode(locked));
        long seconds = redis.key().ttl(prefix + "login:lock:acct:" + user.email());
        assertTrue(seconds > 800 && seconds <= 900, "locked for the 15 minute window, was " + seconds);
    }

    @Test
    void parallelGuessesAreCheckedAtMostFiveTimesPerWindow() throws Exception {
        Gql.Session user = Gql.newUser("swarmed");
        List<String> codes = Parallel.run(30, i -> errorCode(call(null, LOGIN, "e", user.email(), "p", "parallel guess " + i)));
        long checked = codes.stream().filter("UNAUTHENTICATED"::equals).count();
        assertTrue(checked <= 5, "passwords checked: " + checked + " of 30 " + codes);
        assertEquals(30 - checked, codes.stream().filter("RATE_LIMITED"::equals).count(), codes.toString());
    }

    @Test
    void theAddressThrottleCountsClientsBehindTheLoadBalancerNotTheLoadBalancer() throws Exception {
        String guesser = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        String bystander = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        // 50 failures from one client, each for another (unknown) account so no account lock interferes.
        Parallel.run(50, i -> errorCode(loginVia(guesser, "nobody-" + UUID.randomUUID() + "@example.org", "wrong")));
        Gql.Session user = Gql.newUser("behind-alb");
        assertEquals("RATE_LIMITED", errorCode(loginVia(guesser, user.email(), "correct horse battery")));
        // What the guesser writes in front of the load balancer's entry is not believed.
        assertEquals("RATE_LIMITED", errorCode(loginVia(bystander + ", " + guesser, user.email(), "correct horse battery")));
        // Another client, through the same load balancer, signs in.
        JsonPath other = loginVia(bystander, user.email(), "correct horse battery");
        assertNotNull(other.getString("data.login.session.accessToken"), other.prettify());
    }

    private static JsonPath loginVia(String forwardedFor, String email, String password) {
        return Gql.callFrom(forwardedFor, null, LOGIN, "e", email, "p", password);
    }

    private static List<String> attackThenTryRealPassword(String email, String realPassword) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            codes.add(errorCode(call(null, LOGIN, "e", email, "p", "wrong guess " + i)));
        }
        codes.add(errorCode(call(null, LOGIN, "e", email, "p", realPassword)));
        return codes;
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
