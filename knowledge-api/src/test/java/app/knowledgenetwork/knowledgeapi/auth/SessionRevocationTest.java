package app.knowledgenetwork.knowledgeapi.auth;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.mfa.Totp;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Revoking a session reaches every token of it, even one a refresh in flight is inserting; sessions end by themselves. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class SessionRevocationTest {
    static final String REFRESH = "mutation($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }";

    @Inject
    Accounts accounts;
    @Inject
    EntityManager em;

    @Test
    void aLogoutDuringARefreshAlsoRevokesTheSuccessorThatRefreshInserts() throws Exception {
        Gql.Session s = Gql.newUser("raced");
        CountDownLatch refreshedNotCommitted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // Threads of their own: the common pool may have a single thread on a small machine, and the refresh blocks one.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        // The thief's refresh: it has inserted the successor, and holds its transaction open.
        CompletableFuture<AuthPayload> refresh = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            AuthPayload successor = accounts.refresh(s.refreshToken());
            refreshedNotCommitted.countDown();
            assertTrue(commit.await(30, TimeUnit.SECONDS));
            return successor;
        }), threads);
        assertTrue(refreshedNotCommitted.await(30, TimeUnit.SECONDS));
        // The victim logs out meanwhile (its token is the one just spent: the family is what counts).
        CompletableFuture<Boolean> logout = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> accounts.logout(s.refreshToken())), threads);
        waitUntil(() -> logout.isDone() || waitsForALock(), "the logout either finished or waits for the refresh");
        commit.countDown();
        AuthPayload successor = refresh.get(30, TimeUnit.SECONDS);
        assertTrue(logout.get(30, TimeUnit.SECONDS));
        threads.shutdown();

        JsonPath stolen = call(null, REFRESH, "t", successor.refreshToken());
        assertEquals("UNAUTHENTICATED", Gql.errorCode(stolen), "the successor was revoked with its family: " + stolen.prettify());
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverOftenItIsRefreshed() {
        Gql.Session s = Gql.newUser("long-lived");
        String token = call(null, REFRESH, "t", s.refreshToken()).getString("data.refresh.refreshToken");
        assertNotNull(token);
        // The sign-in started 13 hours ago (the lifetime is 12 hours).
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE refresh_family SET started_at = now() - interval '13 hours' WHERE user_id = ?1").setParameter(1, UUID.fromString(s.userId())).executeUpdate());
        JsonPath expired = call(null, REFRESH, "t", token);
        assertEquals("UNAUTHENTICATED", Gql.errorCode(expired), expired.prettify());
        assertEquals("SESSION_EXPIRED", expired.getString("errors[0].extensions.reason"));
        assertTrue(expired.getString("errors[0].message").contains("sign in again"));
    }

    @Test
    void turningMfaOffEndsTheSessionsSignedInWithIt() {
        Gql.Session s = Gql.newUser("mfa-off");
        String secret = call(s.accessToken(), "mutation { enrollMfa(password: \"correct horse battery\") { secret } }").getString("data.enrollMfa.secret");
        long step = Instant.now().getEpochSecond() / 30;
        String recovery = call(s.accessToken(), "mutation($c: String!) { confirmMfa(code: $c) { codes } }", "c", Totp.code(Totp.fromBase32(secret), step, 6))
                .getString("data.confirmMfa.codes[0]");
        String challenge = call(null, "mutation($e: String!) { login(email: $e, password: \"correct horse battery\") { mfaChallenge } }", "e", s.email())
                .getString("data.login.mfaChallenge");
        JsonPath mfaSession = call(null, "mutation($c: String!, $code: String!) { verifyMfa(challenge: $c, code: $code) { accessToken refreshToken } }",
                "c", challenge, "code", Totp.code(Totp.fromBase32(secret), step + 1, 6));
        String access = mfaSession.getString("data.verifyMfa.accessToken");
        assertNotNull(access, mfaSession.prettify());

        JsonPath off = call(access, "mutation($c: String!) { disableMfa(code: $c) }", "c", recovery);
        assertTrue(off.getBoolean("data.disableMfa"), off.prettify());
        assertEquals("UNAUTHENTICATED", Gql.errorCode(call(null, REFRESH, "t", mfaSession.getString("data.verifyMfa.refreshToken"))));
    }

    private boolean waitsForALock() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").getSingleResult()).longValue() > 0);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(10);
        }
    }
}
