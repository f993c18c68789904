package app.knowledgenetwork.knowledgeapi.admin;

import static app.knowledgenetwork.knowledgeapi.Gql.call;
import static app.knowledgenetwork.knowledgeapi.Gql.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.testsupport.OpenSearchTestResource;
import app.knowledgenetwork.testsupport.PostgresTestResource;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(OpenSearchTestResource.class)
class AdminTest {
    static final String USERS = """
            query($first: Int, $after: String, $q: String) {
              users(first: $first, after: $after, emailContains: $q) {
                edges { cursor node { id email platformRole mfaEnabled disabled disabledAt createdAt } }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    static final String SET_ROLE = "mutation($u: ID!, $r: PlatformRole!) { setPlatformRole(userId: $u, role: $r) { id platformRole } }";
    static final String DISABLE = "mutation($u: ID!) { disableUser(userId: $u) { id disabled disabledAt } }";
    static final String ENABLE = "mutation($u: ID!) { enableUser(userId: $u) { id disabled disabledAt } }";
    static final String LOGIN = "mutation($e: String!) { login(email: $e, password: \"correct horse battery\") { session { accessToken refreshToken } mfaChallenge } }";
    static final String REFRESH = "mutation($t: String!) { refresh(refreshToken: $t) { accessToken } }";

    @Inject
    EntityManager em;

    @Test
    void adminOperationsNeedTheAdminRoleAndAnMfaSignIn() {
        Gql.Session plain = Gql.newUser("plain");
        assertEquals("UNAUTHENTICATED", errorCode(call(null, USERS)));

        JsonPath notAdmin = call(plain.accessToken(), USERS);
        assertEquals("FORBIDDEN", errorCode(notAdmin));
        assertEquals("ADMIN_REQUIRED", notAdmin.getString("errors[0].extensions.reason"));
        assertNull(notAdmin.get("data"));

        // An ADMIN signed in with a password only is refused, and told why.
        Gql.Session admin = Gql.newUser("admin");
        Admins.setRole(em, admin.userId(), "ADMIN");
        for (String query : List.of(USERS, DISABLE, ENABLE)) {
            JsonPath pwdOnly = call(admin.accessToken(), query, "u", plain.userId());
            assertEquals("FORBIDDEN", errorCode(pwdOnly), pwdOnly.prettify());
            assertEquals("MFA_REQUIRED", pwdOnly.getString("errors[0].extensions.reason"));
            assertTrue(pwdOnly.getString("errors[0].message").startsWith("MFA required"), pwdOnly.prettify());
        }
        JsonPath roleWithoutMfa = call(admin.accessToken(), SET_ROLE, "u", plain.userId(), "r", "ADMIN");
        assertEquals("MFA_REQUIRED", roleWithoutMfa.getString("errors[0].extensions.reason"), roleWithoutMfa.prettify());
        assertEquals("USER", role(plain.userId()), "nothing changed");

        // With an MFA sign-in it works; the old password-only token still does not.
        String mfaToken = Admins.mfaSignIn(admin);
        JsonPath listed = call(mfaToken, USERS, "q", plain.email());
        assertNull(listed.get("errors"), listed.prettify());
        assertEquals(List.of(plain.email()), listed.getList("data.users.edges.node.email"));
        assertEquals("USER", listed.getString("data.users.edges[0].node.platformRole"));
        assertFalse(listed.getBoolean("data.users.edges[0].node.disabled"));
        assertEquals("MFA_REQUIRED", call(admin.accessToken(), USERS).getString("errors[0].extensions.reason"));

        // The role is read from the database: an MFA user who is not (or no longer) ADMIN is refused.
        Gql.Session careful = Gql.newUser("careful");
        String carefulMfa = Admins.mfaSignIn(careful);
        assertEquals("ADMIN_REQUIRED", call(carefulMfa, USERS).getString("errors[0].extensions.reason"));
        Admins.setRole(em, admin.userId(), "USER");
        assertEquals("ADMIN_REQUIRED", call(mfaToken, USERS).getString("errors[0].extensions.reason"));
    }

    @Test
    void usersArePagedByKeysetAndFilteredByALiteralEmailSubstring() {
        Gql.Session admin = Admins.newAdmin(em, "pager");
        String marker = "pg" + UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = List.of(Gql.newUser(marker + "a").email(), Gql.newUser(marker + "b").email(), Gql.newUser(marker + "c").email());

        JsonPath first = call(admin.accessToken(), USERS, "first", 2, "q", marker.toUpperCase());
        assertEquals(emails.subList(0, 2), first.getList("data.users.edges.node.email"));
        assertTrue(first.getBoolean("data.users.pageInfo.hasNextPage"));
        JsonPath second = call(admin.accessToken(), USERS, "first", 2, "q", marker, "after", first.getString("data.users.pageInfo.endCursor"));
        assertEquals(emails.subList(2, 3), second.getList("data.users.edges.node.email"));
        assertFalse(second.getBoolean("data.users.pageInfo.hasNextPage"));

        // LIKE wildcards in the filter are literal characters.
        assertEquals(List.of(), call(admin.accessToken(), USERS, "q", "%").getList("data.users.edges"));
        assertEquals(List.of(), call(admin.accessToken(), USERS, "q", marker.substring(0, 2) + "_" + marker.substring(3)).getList("data.users.edges"));

        assertEquals("BAD_USER_INPUT", errorCode(call(admin.accessToken(), USERS, "first", 0)));
        assertEquals("BAD_USER_INPUT", errorCode(call(admin.accessToken(), USERS, "after", "not-a-cursor")));
    }

    @Test
    void aDisabledUserCannotLogInOrRefreshUntilEnabledAgain() {
        Gql.Session admin = Admins.newAdmin(em, "disabler");
        Gql.Session target = Gql.newUser("target");
        String otherSession = call(null, LOGIN, "e", target.email()).getString("data.login.session.refreshToken");

        JsonPath disabled = call(admin.accessToken(), DISABLE, "u", target.userId());
        assertNull(disabled.get("errors"), disabled.prettify());
        assertTrue(disabled.getBoolean("data.disableUser.disabled"));
        assertNotNull(disabled.getString("data.disableUser.disabledAt"));
        // Its access tokens stop working at once (on every replica within a second), not when they expire.
        assertEquals(401, io.restassured.RestAssured.given().contentType("application/json").header("Authorization", "Bearer " + target.accessToken())
                .body(java.util.Map.of("query", "{ me { id } }")).post("/graphql").statusCode());

        JsonPath login = call(null, LOGIN, "e", target.email());
        assertEquals("UNAUTHENTICATED", errorCode(login));
        assertEquals("ACCOUNT_DISABLED", login.getString("errors[0].extensions.reason"));
        for (String refreshToken : List.of(target.refreshToken(), otherSession)) {
            assertEquals("UNAUTHENTICATED", errorCode(call(null, REFRESH, "t", refreshToken)));
        }
        assertEquals(0L, ((Number) em.createNativeQuery("SELECT count(*) FROM refresh_token WHERE user_id = ?1 AND revoked_at IS NULL AND used_at IS NULL")
                .setParameter(1, UUID.fromString(target.userId())).getSingleResult()).longValue(), "every refresh token is revoked");
        // A wrong password still says nothing about the account.
        JsonPath wrong = call(null, "mutation($e: String!) { login(email: $e, password: \"wrong password!!\") { mfaChallenge } }", "e", target.email());
        assertEquals("UNAUTHENTICATED", errorCode(wrong));
        assertNull(wrong.get("errors[0].extensions.reason"));
        // Disabling twice changes nothing.
        assertEquals(disabled.getString("data.disableUser.disabledAt"), call(admin.accessToken(), DISABLE, "u", target.userId()).getString("data.disableUser.disabledAt"));

        JsonPath enabled = call(admin.accessToken(), ENABLE, "u", target.userId());
        assertFalse(enabled.getBoolean("data.enableUser.disabled"));
        assertNull(enabled.get("data.enableUser.disabledAt"));
        assertNotNull(call(null, LOGIN, "e", target.email()).getString("data.login.session.accessToken"));
        // The sessions revoked by disabling stay revoked.
        assertEquals("UNAUTHENTICATED", errorCode(call(null, REFRESH, "t", otherSession)));
    }

    @Test
    void aDisabledMfaUserCannotCompleteAPendingLogin() {
        Gql.Session admin = Admins.newAdmin(em, "guard");
        Gql.Session target = Gql.newUser("pending");
        Admins.mfaSignIn(target);
        String challenge = call(null, LOGIN, "e", target.email()).getString("data.login.mfaChallenge");
        assertNotNull(challenge);
        call(admin.accessToken(), DISABLE, "u", target.userId());
        JsonPath verify = call(null, "mutation($c: String!) { verifyMfa(challenge: $c, code: \"000000\") { accessToken } }", "c", challenge);
        assertEquals("UNAUTHENTICATED", errorCode(verify));
        assertEquals("ACCOUNT_DISABLED", verify.getString("errors[0].extensions.reason"));
    }

    @Test
    void rolesChangeButTheLastEnabledAdminCannotStepDown() {
        Gql.Session admin = Admins.newAdmin(em, "last");
        Gql.Session other = Gql.newUser("promoted");
        JsonPath unknown = call(admin.accessToken(), SET_ROLE, "u", UUID.randomUUID().toString(), "r", "ADMIN");
        assertEquals("NOT_FOUND", errorCode(unknown), unknown.prettify());
        JsonPath malformed = call(admin.accessToken(), DISABLE, "u", "not-an-id");
        assertEquals("NOT_FOUND", errorCode(malformed), malformed.prettify());
        assertEquals("GRAPHQL_VALIDATION_FAILED", errorCode(call(admin.accessToken(), SET_ROLE, "u", other.userId(), "r", "ROOT")));

        // Make the caller the only enabled ADMIN for a moment (other test classes may have made admins), then restore.
        @SuppressWarnings("unchecked")
        List<UUID> others = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "UPDATE app_user SET platform_role = 'USER' WHERE platform_role = 'ADMIN' AND disabled_at IS NULL AND id <> ?1 RETURNING id", UUID.class)
                .setParameter(1, UUID.fromString(admin.userId())).getResultList());
        try {
            JsonPath demote = call(admin.accessToken(), SET_ROLE, "u", admin.userId(), "r", "USER");
            assertEquals("CONFLICT", errorCode(demote));
            assertTrue(demote.getString("errors[0].message").contains("last enabled ADMIN"), demote.prettify());
            assertEquals("CONFLICT", errorCode(call(admin.accessToken(), DISABLE, "u", admin.userId())));
            assertEquals("ADMIN", role(admin.userId()));

            assertEquals("ADMIN", call(admin.accessToken(), SET_ROLE, "u", other.userId(), "r", "ADMIN").getString("data.setPlatformRole.platformRole"));
            assertEquals("USER", call(admin.accessToken(), SET_ROLE, "u", admin.userId(), "r", "USER").getString("data.setPlatformRole.platformRole"));
            assertEquals("USER", role(admin.userId()));
            // No longer an admin: the same MFA token is refused.
            assertEquals("ADMIN_REQUIRED", call(admin.accessToken(), USERS).getString("errors[0].extensions.reason"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> others.forEach(id -> em.createNativeQuery("UPDATE app_user SET platform_role = 'ADMIN' WHERE id = ?1")
                    .setParameter(1, id).executeUpdate()));
        }
    }

    private String role(String userId) {
        return (String) em.createNativeQuery("SELECT platform_role FROM app_user WHERE id = ?1").setParameter(1, UUID.fromString(userId)).getSingleResult();
    }
}
