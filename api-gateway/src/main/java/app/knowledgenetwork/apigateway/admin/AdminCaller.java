package app.knowledgenetwork.apigateway.admin;

import app.knowledgenetwork.apigateway.problem.Problem;
import app.knowledgenetwork.apigateway.problem.ProblemException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The admin calling one of the gateway's admin endpoints: a knowledge-api access token (verified with its
 * JWKS) of platform role ADMIN whose sign-in included MFA ({@code amr} contains "mfa"), the same rule as
 * knowledge-api's admin operations.
 */
@RequestScoped
public class AdminCaller {

    static final String ADMIN = "ADMIN";
    static final String MFA = "mfa";

    private final HttpServerRequest request;
    private final JWTParser parser;

    public AdminCaller(HttpServerRequest request, JWTParser parser) {
        this.request = request;
        this.parser = parser;
    }

    /** The admin's user id (token subject); refuses anyone else with 401 or 403. Blocking. */
    public String require() {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw refusal(401, "unauthenticated", "Sign in required",
                    "Send a knowledge-api access token as 'Authorization: Bearer <token>'");
        }
        JsonWebToken token;
        try {
            token = parser.parse(authorization.substring(7).trim());
        } catch (ParseException e) {
            throw refusal(401, "unauthenticated", "Invalid token",
                    "The access token is invalid or expired; sign in again");
        }
        return check(token.getSubject(), token.getGroups() != null && token.getGroups().contains(ADMIN),
                amrContainsMfa(token.getClaim("amr")));
    }

    static String check(String subject, boolean admin, boolean mfa) {
        if (!admin) {
            throw refusal(403, "admin-required", "Admins only", "Only platform admins (platform role ADMIN) may do this");
        }
        if (!mfa) {
            throw refusal(403, "mfa-required", "MFA required",
                    "Admin operations need a sign-in with a second factor: log in again and complete verifyMfa");
        }
        return subject;
    }

    private static boolean amrContainsMfa(Object amr) {
        if (amr instanceof Iterable<?> values) {
            for (Object value : values) {
                if (MFA.equals(unquoted(value))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** JSON-P strings print quoted. */
    private static String unquoted(Object value) {
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return String.valueOf(value);
    }

    private static ProblemException refusal(int status, String type, String title, String detail) {
        return new ProblemException(new Problem(status, type, title, detail));
    }
}
