package app.knowledgenetwork.apigateway.edge;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The user behind a bearer token, for the per-user rate limit. Only a token whose signature (knowledge-api's
 * JWKS), issuer and expiry check out counts: an unverified subject would let anyone spend another user's
 * budget. An invalid token is not refused here; the service it goes to answers it.
 */
@ApplicationScoped
public class CallerSubjects {

    private final JWTParser parser;

    public CallerSubjects(JWTParser parser) {
        this.parser = parser;
    }

    /** Whether the header carries a bearer token at all (worth verifying). */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The verified subject of {@code Authorization: Bearer ...}, or null. May block (first key fetch). */
    public String verifiedSubject(String authorization) {
        if (!isBearer(authorization)) {
            return null;
        }
        try {
            return parser.parse(authorization.substring(7).trim()).getSubject();
        } catch (ParseException | RuntimeException invalid) {
            return null;
        }
    }
}
