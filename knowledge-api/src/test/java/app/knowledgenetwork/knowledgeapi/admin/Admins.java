package app.knowledgenetwork.knowledgeapi.admin;

import static app.knowledgenetwork.knowledgeapi.Gql.call;

import app.knowledgenetwork.knowledgeapi.Gql;
import app.knowledgenetwork.knowledgeapi.mfa.Totp;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;

/** Test users with a platform role, and their MFA sign-ins, made the way a client would (the role by SQL). */
final class Admins {
    private Admins() {
    }

    static void setRole(EntityManager em, String userId, String role) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE app_user SET platform_role = ?2 WHERE id = ?1")
                .setParameter(1, UUID.fromString(userId)).setParameter(2, role).executeUpdate());
    }

    /** Enrols TOTP for the user and returns the access token of a new MFA sign-in. */
    static String mfaSignIn(Gql.Session user) {
        String secret = call(user.accessToken(), "mutation { enrollMfa(password: \"correct horse battery\") { secret } }").getString("data.enrollMfa.secret");
        long step = Instant.now().getEpochSecond() / Totp.STEP_SECONDS;
        JsonPath confirmed = call(user.accessToken(), "mutation($c: String!) { confirmMfa(code: $c) { codes } }", "c", code(secret, step));
        if (confirmed.get("errors") != null) {
            throw new AssertionError(confirmed.prettify());
        }
        String challenge = call(null, "mutation($e: String!) { login(email: $e, password: \"correct horse battery\") { mfaChallenge } }", "e", user.email())
                .getString("data.login.mfaChallenge");
        // The confirming code is spent; the next step's is within the allowed drift.
        JsonPath verified = call(null, "mutation($c: String!, $code: String!) { verifyMfa(challenge: $c, code: $code) { accessToken } }",
                "c", challenge, "code", code(secret, step + 1));
        String token = verified.getString("data.verifyMfa.accessToken");
        if (token == null) {
            throw new AssertionError(verified.prettify());
        }
        return token;
    }

    /** A new ADMIN with an MFA sign-in. */
    static Gql.Session newAdmin(EntityManager em, String name) {
        Gql.Session user = Gql.newUser(name);
        setRole(em, user.userId(), "ADMIN");
        return new Gql.Session(mfaSignIn(user), user.refreshToken(), user.userId(), user.email());
    }

    static String code(String secret, long step) {
        return Totp.code(Totp.fromBase32(secret), step, 6);
    }
}
